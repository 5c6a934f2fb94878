#!/usr/bin/env python3
"""Reference logits for GoldenLogitsTest, from a plain NumPy transformer.

Independent of the Java engine: its own GGUF reader and dequantisers (block layouts as ggml's
ggml-common.h defines them) and a float64 forward pass written from the architecture descriptions:

  llama : RMSNorm, RoPE on adjacent pairs (llama.cpp rope type NORM), GQA, SwiGLU
  qwen2 : as llama plus q/k/v biases, RoPE on halves (NEOX)
  qwen3 : as llama plus per-head RMSNorm of q and k before RoPE, head size from key_length, NEOX
  output: output.weight, or token_embd.weight when the file has none (tied)

Keys and values are rounded to float16 before attention, as the engine's KV cache stores them.

Usage: python3 golden_logits.py DIR > ../resources/golden/logits.txt
  DIR holds the models GoldenLogitsTest writes with -Dtether.golden.dir=DIR.
"""
import os
import struct
import sys

import numpy as np

TOKENS = [1, 17, 42, 99, 200]

# ggml type id -> (block size, bytes per block)
TYPES = {0: ("F32", 1, 4), 1: ("F16", 1, 2), 30: ("BF16", 1, 2), 8: ("Q8_0", 32, 34),
         2: ("Q4_0", 32, 18), 12: ("Q4_K", 256, 144), 13: ("Q5_K", 256, 176), 14: ("Q6_K", 256, 210)}


class Reader:
    def __init__(self, data):
        self.b = data
        self.p = 0

    def take(self, fmt):
        v = struct.unpack_from("<" + fmt, self.b, self.p)
        self.p += struct.calcsize("<" + fmt)
        return v[0]

    def string(self):
        n = self.take("Q")
        s = self.b[self.p:self.p + n].decode("utf-8")
        self.p += n
        return s

    def value(self, t):
        scalar = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
        if t in scalar:
            return self.take(scalar[t])
        if t == 8:
            return self.string()
        if t == 9:
            et = self.take("I")
            n = self.take("Q")
            return [self.value(et) for _ in range(n)]
        raise ValueError("unknown metadata type %d" % t)


def read_gguf(path):
    data = open(path, "rb").read()
    r = Reader(data)
    assert r.take("I") == 0x46554747, "not GGUF"
    r.take("I")  # version
    n_tensors = r.take("Q")
    n_kv = r.take("Q")
    meta = {}
    for _ in range(n_kv):
        k = r.string()
        meta[k] = r.value(r.take("I"))
    infos = []
    for _ in range(n_tensors):
        name = r.string()
        dims = [r.take("Q") for _ in range(r.take("I"))]
        infos.append((name, dims, r.take("I"), r.take("Q")))
    align = meta.get("general.alignment", 32)
    start = (r.p + align - 1) // align * align
    tensors = {}
    for name, dims, t, off in infos:
        count = int(np.prod(dims))
        _, bs, ts = TYPES[t]
        raw = np.frombuffer(data, dtype=np.uint8, count=count // bs * ts, offset=start + off)
        values = dequantize(t, raw, count)
        tensors[name] = values.reshape(list(reversed(dims))) if len(dims) > 1 else values
    return meta, tensors


def f16(raw):
    return raw.copy().view(np.float16).astype(np.float64)


def dequantize(t, raw, count):
    name, bs, ts = TYPES[t]
    if name == "F32":
        return raw.copy().view(np.float32).astype(np.float64)
    if name == "F16":
        return f16(raw)
    if name == "BF16":
        return (raw.copy().view(np.uint16).astype(np.uint32) << 16).view(np.float32).astype(np.float64)
    blocks = raw.reshape(-1, ts)
    if name == "Q8_0":
        d = f16(blocks[:, 0:2])
        q = blocks[:, 2:34].view(np.int8).astype(np.float64)
        return (d * q).reshape(-1)
    if name == "Q4_0":
        d = f16(blocks[:, 0:2])
        qs = blocks[:, 2:18].astype(np.int64)
        q = np.concatenate([(qs & 0xF) - 8, (qs >> 4) - 8], axis=1).astype(np.float64)
        return (d * q).reshape(-1)
    if name in ("Q4_K", "Q5_K"):
        d = f16(blocks[:, 0:2])
        dmin = f16(blocks[:, 2:4])
        scales = blocks[:, 4:16].astype(np.int64)
        if name == "Q4_K":
            qh, qs = None, blocks[:, 16:144].astype(np.int64)
        else:
            qh, qs = blocks[:, 16:48].astype(np.int64), blocks[:, 48:176].astype(np.int64)
        sc = np.zeros((len(blocks), 8), dtype=np.int64)
        mn = np.zeros((len(blocks), 8), dtype=np.int64)
        for j in range(8):  # 6-bit scales and mins packed in 12 bytes
            if j < 4:
                sc[:, j] = scales[:, j] & 63
                mn[:, j] = scales[:, j + 4] & 63
            else:
                sc[:, j] = (scales[:, j + 4] & 0xF) | ((scales[:, j - 4] >> 6) << 4)
                mn[:, j] = (scales[:, j + 4] >> 4) | ((scales[:, j] >> 6) << 4)
        out = np.zeros((len(blocks), 256))
        for chunk in range(4):  # 64 values per chunk: low nibbles then high nibbles of 32 bytes
            q = qs[:, chunk * 32:(chunk + 1) * 32]
            for half in range(2):
                j = 2 * chunk + half
                v = (q & 0xF) if half == 0 else (q >> 4)
                if qh is not None:
                    v = v + ((qh >> j) & 1) * 16
                out[:, j * 32:(j + 1) * 32] = d * sc[:, j:j + 1] * v - dmin * mn[:, j:j + 1]
        return out.reshape(-1)
    if name == "Q6_K":
        ql = blocks[:, 0:128].astype(np.int64)
        qh = blocks[:, 128:192].astype(np.int64)
        sc = blocks[:, 192:208].view(np.int8).astype(np.float64)
        d = f16(blocks[:, 208:210])
        out = np.zeros((len(blocks), 256))
        for n in range(2):  # two halves of 128 values
            l = np.arange(32)
            L = ql[:, n * 64:(n + 1) * 64]
            H = qh[:, n * 32:(n + 1) * 32]
            q1 = ((L[:, l] & 0xF) | ((H[:, l] & 3) << 4)) - 32
            q2 = ((L[:, l + 32] & 0xF) | (((H[:, l] >> 2) & 3) << 4)) - 32
            q3 = ((L[:, l] >> 4) | (((H[:, l] >> 4) & 3) << 4)) - 32
            q4 = ((L[:, l + 32] >> 4) | (((H[:, l] >> 6) & 3) << 4)) - 32
            S = sc[:, n * 8:(n + 1) * 8]
            for k, q in enumerate((q1, q2, q3, q4)):
                # scale index: l // 16 + 2k (16 values share a scale)
                s = np.concatenate([np.repeat(S[:, 2 * k:2 * k + 1], 16, axis=1),
                                    np.repeat(S[:, 2 * k + 1:2 * k + 2], 16, axis=1)], axis=1)
                out[:, n * 128 + k * 32:n * 128 + (k + 1) * 32] = d * s * q
        return out.reshape(-1)
    raise ValueError(name)


def rms_norm(x, w, eps):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * w


def rope(x, pos, base, n_rot, neox, freq_scale=1.0, factors=None):
    """x: [tokens, heads, head_dim]; rotates the first n_rot dims of each head.

    Linear scaling multiplies positions by freq_scale; Llama 3 scaling divides each frequency by
    its factor from rope_freqs.weight."""
    half = n_rot // 2
    inv = freq_scale * base ** (-2.0 * np.arange(half) / n_rot)
    if factors is not None:
        inv = inv / factors
    theta = np.asarray(pos)[:, None] * inv[None, :]  # [tokens, half]
    cos, sin = np.cos(theta)[:, None, :], np.sin(theta)[:, None, :]
    y = x.copy()
    if neox:
        a, b = x[..., :half], x[..., half:n_rot]
        y[..., :half] = a * cos - b * sin
        y[..., half:n_rot] = a * sin + b * cos
    else:
        a, b = x[..., 0:n_rot:2], x[..., 1:n_rot:2]
        y[..., 0:n_rot:2] = a * cos - b * sin
        y[..., 1:n_rot:2] = a * sin + b * cos
    return y


def forward(meta, t, tokens):
    arch = meta["general.architecture"]
    a = arch + "."
    dim = meta[a + "embedding_length"]
    n_head = meta[a + "attention.head_count"]
    n_kv = meta[a + "attention.head_count_kv"]
    hd = meta.get(a + "attention.key_length", dim // n_head)
    eps = meta[a + "attention.layer_norm_rms_epsilon"]
    base = meta.get(a + "rope.freq_base", 10000.0)
    n_rot = meta.get(a + "rope.dimension_count", hd)
    neox = arch in ("qwen2", "qwen3")
    freq_scale = 1.0
    if meta.get(a + "rope.scaling.type") == "linear":
        freq_scale = 1.0 / meta[a + "rope.scaling.factor"]
    factors = t.get("rope_freqs.weight")
    n = len(tokens)
    pos = np.arange(n)
    x = t["token_embd.weight"][tokens]
    mask = np.triu(np.full((n, n), -np.inf), 1)
    for i in range(meta[a + "block_count"]):
        b = "blk.%d." % i
        h = rms_norm(x, t[b + "attn_norm.weight"], eps)
        q = h @ t[b + "attn_q.weight"].T + t.get(b + "attn_q.bias", 0)
        k = h @ t[b + "attn_k.weight"].T + t.get(b + "attn_k.bias", 0)
        v = h @ t[b + "attn_v.weight"].T + t.get(b + "attn_v.bias", 0)
        q = q.reshape(n, n_head, hd)
        k = k.reshape(n, n_kv, hd)
        v = v.reshape(n, n_kv, hd)
        if b + "attn_q_norm.weight" in t:
            q = rms_norm(q, t[b + "attn_q_norm.weight"], eps)
            k = rms_norm(k, t[b + "attn_k_norm.weight"], eps)
        q = rope(q, pos, base, n_rot, neox, freq_scale, factors)
        k = rope(k, pos, base, n_rot, neox, freq_scale, factors)
        k = k.astype(np.float16).astype(np.float64)  # the KV cache holds F16
        v = v.astype(np.float16).astype(np.float64)
        group = n_head // n_kv
        out = np.zeros((n, n_head, hd))
        for hh in range(n_head):
            s = q[:, hh, :] @ k[:, hh // group, :].T / np.sqrt(hd) + mask
            p = np.exp(s - s.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            out[:, hh, :] = p @ v[:, hh // group, :]
        x = x + out.reshape(n, n_head * hd) @ t[b + "attn_output.weight"].T
        h = rms_norm(x, t[b + "ffn_norm.weight"], eps)
        g = h @ t[b + "ffn_gate.weight"].T
        u = h @ t[b + "ffn_up.weight"].T
        x = x + (g / (1 + np.exp(-g)) * u) @ t[b + "ffn_down.weight"].T
    x = rms_norm(x, t["output_norm.weight"], eps)
    return x @ t.get("output.weight", t["token_embd.weight"]).T


def main():
    d = sys.argv[1]
    print("# Reference logits for GoldenLogitsTest: tether-engine/src/test/python/golden_logits.py")
    print("# (NumPy %s, float64, own GGUF reader and dequantisers) over the models the test writes with" % np.__version__)
    print("# -Dtether.golden.dir. Tokens %s; one row of next-token logits per position." % TOKENS)
    for f in sorted(os.listdir(d)):
        if not f.endswith(".gguf"):
            continue
        meta, t = read_gguf(os.path.join(d, f))
        logits = forward(meta, t, TOKENS)
        print("model %s %d" % (f[:-5], len(logits)))
        for row in logits:
            print(" ".join("%.7e" % v for v in row))


if __name__ == "__main__":
    main()
