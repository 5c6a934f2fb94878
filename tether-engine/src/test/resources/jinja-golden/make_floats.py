#!/usr/bin/env python3
"""Random doubles (fixed seed) as '<float.hex()> <repr()>' lines: Python's shortest repr, which
str(), {{ x }} and json.dumps all use."""
import random, struct
r = random.Random(7)
lines = []
while len(lines) < 3000:
    k = r.random()
    if k < 0.3:
        x = struct.unpack('d', struct.pack('Q', r.getrandbits(64)))[0]
    elif k < 0.6:
        x = r.uniform(-1e6, 1e6)
    elif k < 0.8:
        x = round(r.uniform(-1000, 1000), r.randint(0, 6))
    else:
        x = r.randint(1, 9) * 10.0 ** r.randint(-325, 308)
    if x != x or x in (float('inf'), float('-inf')):
        continue
    lines.append(x.hex() + ' ' + repr(x))
print('\n'.join(lines))
