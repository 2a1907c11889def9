"""zarr-python 2 (Debian's python3-zarr) against easimage's Zarr v2 stores, both ways.

check DIR: reads every store easimage wrote (DIR/manifest.json): shape, dtype, chunks, fps attribute, pixels.
write DIR: writes arrays with each compressor, dtype and chunking, plus DIR/manifest.json and the raw samples
for easimage to compare. Prints one line per store; exits 1 when any check failed.
"""
import json
import os
import sys

import numcodecs
import numpy as np
import zarr


def check(d):
    failures = 0
    manifest = json.load(open(os.path.join(d, "manifest.json")))
    for m in manifest:
        name = m["store"]
        try:
            node = zarr.open(os.path.join(d, name), mode="r")
            a = node[m["array"]] if m["array"] else node
            c = m["channels"]
            t, h, w = m["frames"], m["height"], m["width"]
            frame_shape = (h, w, c) if c > 1 else (h, w)
            ref = np.fromfile(os.path.join(d, name + ".bin"), dtype=np.dtype(m["dtype"]).newbyteorder("<"))
            ref = ref.reshape((t,) + frame_shape)
            if m["layout"] == "ome" and c > 1:
                ref = np.moveaxis(ref, 3, 1)
                assert node.attrs["multiscales"][0]["axes"][1]["type"] == "channel", "NGFF channel axis"
            assert a.shape == ref.shape, "shape %s, expected %s" % (a.shape, ref.shape)
            assert a.dtype == np.dtype(m["dtype"]), "dtype %s, expected %s" % (a.dtype, m["dtype"])
            assert a.chunks[0] == m["chunk_frames"] and a.chunks[1:] == ref.shape[1:], "chunks %s" % (a.chunks,)
            assert a.attrs["fps"] == m["fps"], "fps attribute %r" % a.attrs.get("fps")
            got = a[:]
            assert got.tobytes() == ref.astype(got.dtype).tobytes(), "pixels differ"
            print("OK   zarr-python %s reads %s: %s %s chunks %s %s" % (zarr.__version__, name, a.shape, a.dtype,
                                                                       a.chunks, a.compressor))
        except Exception as e:  # report every store, then fail
            failures += 1
            print("FAIL zarr-python reads %s: %r" % (name, e))
    print("zarr-python read %d of %d easimage stores exactly" % (len(manifest) - failures, len(manifest)))
    return failures


def write(d):
    os.makedirs(d, exist_ok=True)
    rng = np.random.default_rng(7)
    compressors = {
        "none": None,
        "blosc-lz4-shuffle": numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE),
        "blosc-zstd-bitshuffle": numcodecs.Blosc(cname="zstd", clevel=3, shuffle=numcodecs.Blosc.BITSHUFFLE),
        "blosc-blosclz-noshuffle": numcodecs.Blosc(cname="blosclz", clevel=9, shuffle=numcodecs.Blosc.NOSHUFFLE),
        "blosc-lz4hc-autoshuffle": numcodecs.Blosc(cname="lz4hc", clevel=5, shuffle=numcodecs.Blosc.AUTOSHUFFLE),
        "zstd": numcodecs.Zstd(level=3),
        "gzip": numcodecs.GZip(level=5),
        "zlib": numcodecs.Zlib(level=1),
    }
    dtypes = ["|u1", "<u2", ">u2", "<f4", ">f4"]
    manifest = []
    k = 0
    for cname, comp in compressors.items():
        for dt in dtypes:
            for shape, chunks, sep in (((4, 29, 31), (1, 29, 31), "."), ((5, 29, 31, 3), (2, 16, 16, 3), "/")):
                k += 1
                name = "py-%s-%s-%s.zarr" % (cname, dt.replace("<", "le").replace(">", "be").replace("|", ""),
                                              "x".join(map(str, shape)))
                if dt[1] == "f":
                    data = rng.normal(100, 30, size=shape).astype(dt)
                else:
                    info = np.iinfo(np.dtype(dt))
                    data = rng.integers(0, int(info.max) + 1, size=shape, dtype=np.uint64).astype(dt)
                z = zarr.open(os.path.join(d, name), mode="w", shape=shape, chunks=chunks, dtype=dt,
                              compressor=comp, dimension_separator=sep)
                z[:] = data
                data.tofile(os.path.join(d, name + ".bin"))
                manifest.append({"store": name, "shape": list(shape), "dtype": dt,
                                 "note": "%s %s chunks %s separator %s" % (cname, dt, chunks, sep)})
    json.dump(manifest, open(os.path.join(d, "manifest.json"), "w"), indent=1)
    print("zarr-python %s wrote %d arrays into %s" % (zarr.__version__, len(manifest), d))
    return 0


if __name__ == "__main__":
    sys.exit(1 if {"check": check, "write": write}[sys.argv[1]](sys.argv[2]) else 0)
