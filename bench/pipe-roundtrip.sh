#!/usr/bin/env bash
# Pipe round trips with the Debian ffmpeg (issue 18), opt-in (not part of the test run):
#   easimage convert in.seq - [--pipe y4m|nut] | ffmpeg -i - out.mkv
#   ffmpeg -i in.mp4 -f yuv4mpegpipe - | easimage convert - out.seq
# Every frame is checked, not only the count: ffmpeg's framemd5 of what it decoded is compared with the framemd5
# of easimage's own frames (sent as rawvideo, which is byte-for-byte the frame); colour frames, which y4m carries
# as YUV, must stay above a PSNR bound. Prints one PASS/FAIL line per check, exits 1 when any fails.
#   bench/pipe-roundtrip.sh        (installs the Debian ffmpeg with apt-get when it is missing)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${EASIMAGE_SHARED_DATA:-$ROOT/../shared/data}"
OUT="${BENCH_OUT:-$ROOT/bench/out}/pipe-roundtrip"
EZ="$ROOT/easimage"
rm -rf "$OUT" && mkdir -p "$OUT" && cd "$OUT" || exit 1

if ! command -v ffmpeg >/dev/null; then
  echo "installing the Debian ffmpeg..." >&2
  apt-get install -y -q ffmpeg >/dev/null || { echo "FAIL: no ffmpeg and apt-get could not install it"; exit 1; }
fi
echo "$(ffmpeg -version | head -1)"
"$EZ" --version >/dev/null || { echo "FAIL: easimage does not build or run"; exit 1; }

FAILED=0
check() { # check NAME CONDITION-EXIT-CODE DETAIL
  if [ "$2" -eq 0 ]; then echo "PASS  $1  ($3)"; else echo "FAIL  $1  ($3)"; FAILED=1; fi
}
md5s() { grep -v '^#' | awk -F',' '{gsub(/ /, "", $NF); print $NF}'; } # the md5 column of framemd5 lines
# ours SOURCE PIXFMT WxH: framemd5 of easimage's own frames of SOURCE (raw bytes as written by --pipe raw)
ours() { "$EZ" convert --quiet "$1" - --pipe raw | ffmpeg -v error -f rawvideo -pix_fmt "$2" -s "$3" -i - -f framemd5 - | md5s; }
# same_frames NAME A_MD5S B_MD5S
same_frames() {
  local n; n=$(wc -l <"$2")
  cmp -s "$2" "$3"; check "$1" $? "$n vs $(wc -l <"$3") frames, every framemd5 $( cmp -s "$2" "$3" && echo equal || echo DIFFERENT)"
}

# inputs: the real recordings when ../shared/data is there, else generated ones
SEQ8="$DATA/seq/pims_sample_norpix6.seq"; SEQ16="$DATA/seq/rsciio_de_test.seq"; MP4="$DATA/video/realshort.mp4"
if [ ! -f "$SEQ8" ]; then
  SEQ8="$OUT/gen8.seq"; SEQ16="$OUT/gen16.seq"; MP4="$OUT/gen.mp4"
  "$EZ" convert --quiet synthetic:36x32:gray8:30:10 "$SEQ8"
  "$EZ" convert --quiet synthetic:64x64:gray16:10:30 "$SEQ16"
  ffmpeg -v error -f lavfi -i testsrc=size=320x240:rate=30000/1001:duration=1.2 -pix_fmt yuv420p "$MP4"
fi
echo "inputs: $SEQ8, $SEQ16, $MP4"

# 1. easimage -> y4m pipe -> ffmpeg (lossless FFV1 .mkv), gray 8 and 16 bits (12 significant)
for c in "$SEQ8 gray 36x32" "$SEQ16 gray16le 64x64"; do
  set -- $c
  name=$(basename "$1" .seq)
  "$EZ" convert --quiet "$1" - --pipe y4m | ffmpeg -v error -y -i - -c:v ffv1 "$name.mkv"
  check "easimage convert $name.seq - --pipe y4m | ffmpeg -i - $name.mkv (exit codes)" $? "pipeline"
  ffmpeg -v error -i "$name.mkv" -pix_fmt "$2" -f framemd5 - | md5s >"$name.ffmpeg.md5"
  ours "$1" "$2" "$3" >"$name.easimage.md5"
  same_frames "y4m -> ffmpeg: $name.mkv decoded by ffmpeg = easimage's frames of $name.seq" \
    "$name.easimage.md5" "$name.ffmpeg.md5"
done

# 2. easimage -> NUT pipe (the frames' real times, in microseconds) -> ffmpeg. A NUT stream is variable-rate:
# ffmpeg's default for .mkv output re-times frames to the stated rate (the .seq header's nominal 10 fps, while the
# PIMS camera really ran at ~30 fps) and drops frames, so it takes -fps_mode passthrough. rsciio_de_test.seq's 10
# frames all carry one timestamp, which an .mkv (milliseconds) cannot hold apart: that one goes to framemd5.
name=$(basename "$SEQ8" .seq)
"$EZ" convert --quiet "$SEQ8" - --pipe nut | ffmpeg -v error -y -i - -fps_mode passthrough -c:v ffv1 "$name.nut.mkv"
check "easimage convert $name.seq - --pipe nut | ffmpeg -i - -fps_mode passthrough $name.nut.mkv (exit codes)" $? \
  "pipeline"
ffmpeg -v error -i "$name.nut.mkv" -fps_mode passthrough -pix_fmt gray -f framemd5 - | md5s >"$name.nut.md5"
same_frames "nut -> ffmpeg: $name.nut.mkv decoded by ffmpeg = easimage's frames" "$name.easimage.md5" "$name.nut.md5"
kept=$("$EZ" convert --quiet "$SEQ8" - --pipe nut | ffmpeg -v error -i - -f framemd5 - | md5s | wc -l)
echo "NOTE  without -fps_mode passthrough ffmpeg keeps $kept of $(wc -l <"$name.easimage.md5") frames (CFR at the stated rate)"
name=$(basename "$SEQ16" .seq)
"$EZ" convert --quiet "$SEQ16" - --pipe nut | ffmpeg -v error -i - -fps_mode passthrough -pix_fmt gray16le \
  -f framemd5 - | md5s >"$name.nut.md5"
same_frames "nut -> ffmpeg: $name (one timestamp for all frames) decoded by ffmpeg = easimage's frames" \
  "$name.easimage.md5" "$name.nut.md5"

# 3. ffmpeg -> y4m pipe -> easimage .seq, gray (exact) ...
WH=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0:s=x "$MP4")
ffmpeg -v error -i "$MP4" -vf format=gray -f yuv4mpegpipe - | "$EZ" convert --quiet - from-ffmpeg-gray.seq
check "ffmpeg -i $(basename "$MP4") -vf format=gray -f yuv4mpegpipe - | easimage convert - from-ffmpeg-gray.seq (exit codes)" $? "pipeline"
ffmpeg -v error -i "$MP4" -map 0:v:0 -vf format=gray -f framemd5 - | md5s >mp4.gray.ffmpeg.md5
ours from-ffmpeg-gray.seq gray "$WH" >mp4.gray.easimage.md5
same_frames "y4m gray <- ffmpeg: easimage's .seq = ffmpeg's decode" mp4.gray.ffmpeg.md5 mp4.gray.easimage.md5

# ... and colour (4:2:0 y4m read as RGB24: same frame count, PSNR against ffmpeg's own RGB)
ffmpeg -v error -i "$MP4" -f yuv4mpegpipe - | "$EZ" convert --quiet - from-ffmpeg-rgb.seq
check "ffmpeg -i $(basename "$MP4") -f yuv4mpegpipe - | easimage convert - from-ffmpeg-rgb.seq (exit codes)" $? "pipeline"
n_ffmpeg=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$MP4")
n_ours=$("$EZ" info --json from-ffmpeg-rgb.seq | grep -o '"frames":[0-9]*' | cut -d: -f2)
[ "$n_ffmpeg" = "$n_ours" ]; check "y4m colour <- ffmpeg: frame count" $? "$n_ours vs ffmpeg's $n_ffmpeg"
psnr=$("$EZ" convert --quiet from-ffmpeg-rgb.seq - --pipe raw \
  | ffmpeg -v info -f rawvideo -pix_fmt rgb24 -s "$WH" -i - -i "$MP4" \
      -lavfi "[0:v]format=rgb24,settb=1/30,setpts=N[a];[1:v]format=rgb24,settb=1/30,setpts=N[b];[a][b]psnr" \
      -f null - 2>&1 \
  | grep -o 'average:[0-9.inf]*' | tail -1 | cut -d: -f2)
awk -v p="$psnr" 'BEGIN { exit !(p == "inf" || p + 0 >= 40) }'
check "y4m colour <- ffmpeg: PSNR of easimage's RGB vs ffmpeg's RGB >= 40 dB" $? "average ${psnr:-?} dB"

if [ "$FAILED" -eq 0 ]; then echo "PASS  all pipe round trips"; else echo "FAIL  some pipe round trips"; fi
exit "$FAILED"
