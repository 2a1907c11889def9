#!/usr/bin/env python3
"""gray + CLAHE -> MJPEG .avi with OpenCV-python, the way a user would write it (bench/vs-tools.sh runs it
beside `easimage convert IN OUT.avi --gray --clahe CLIP:TxT`).

    python3 bench/vs_opencv_clahe.py IN OUT.avi [CLIP] [TILES] [MAX_FRAMES]

MAX_FRAMES (0: all) stops after that many frames, for the first-frame timing of `FIXED=1 bench/vs-tools.sh`.
"""
import sys

import cv2


def main():
    src, dst = sys.argv[1], sys.argv[2]
    clip = float(sys.argv[3]) if len(sys.argv) > 3 else 8.0
    tiles = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    limit = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    cap = cv2.VideoCapture(src)
    if not cap.isOpened():
        sys.exit("cannot open " + src)
    fps = cap.get(cv2.CAP_PROP_FPS) or 30.0
    clahe = cv2.createCLAHE(clipLimit=clip, tileGridSize=(tiles, tiles))
    out = None
    n = 0
    while limit == 0 or n < limit:
        ok, frame = cap.read()
        if not ok:
            break
        gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        eq = clahe.apply(gray)
        if out is None:
            h, w = eq.shape
            out = cv2.VideoWriter(dst, cv2.VideoWriter_fourcc(*"MJPG"), fps, (w, h), isColor=False)
            if not out.isOpened():
                sys.exit("cannot write " + dst)
        out.write(eq)
        n += 1
    cap.release()
    if out is not None:
        out.release()
    print(f"{n} frames, OpenCV {cv2.__version__}")


if __name__ == "__main__":
    main()
