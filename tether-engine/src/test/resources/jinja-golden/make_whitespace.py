#!/usr/bin/env python3
"""Random templates mixing text, whitespace and tags with every whitespace-control form,
rendered with real Jinja2 configured as Hugging Face transformers does."""
import json, os, random, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'chat-templates'))
from render_templates import make_env

env = make_env()
rnd = random.Random(20250115)
TEXT = ["\n", "\n", "  ", "\t", " ", "x", "y z", "\n  ", "  \n", "\r\n", "\n\n"]
def ws(tag_open, tag_close):
    return rnd.choice(["", "-", "+"]) if tag_open else rnd.choice(["", "-", "+"])
def block(body_depth):
    kind = rnd.choice(["if", "for", "set", "comment", "print", "print", "macro"] if body_depth < 3 else ["comment", "print", "set"])
    def o(): return "{%" + rnd.choice(["", "-", "+"]) + " "
    def c(): return " " + rnd.choice(["", "-", "+"]) + "%}"
    if kind == "if":
        return o() + "if t" + c() + body(body_depth + 1) + (o() + "else" + c() + body(body_depth + 1) if rnd.random() < 0.3 else "") + o() + "endif" + c()
    if kind == "for":
        return o() + "for v in lst" + c() + body(body_depth + 1) + o() + "endfor" + c()
    if kind == "macro":
        return o() + "macro mm()" + c() + body(body_depth + 1) + o() + "endmacro" + c() + "{{ mm() }}"
    if kind == "set":
        return o() + "set q = 1" + c()
    if kind == "comment":
        return "{#" + rnd.choice(["", "-", "+"]) + " note " + rnd.choice(["", "-", "+"]) + "#}"
    return "{{" + rnd.choice(["", "-"]) + " i " + rnd.choice(["", "-"]) + "}}"
def body(depth):
    parts = []
    for _ in range(rnd.randint(0, 4)):
        parts.append("".join(rnd.choice(TEXT) for _ in range(rnd.randint(0, 3))))
        if rnd.random() < 0.7:
            parts.append(block(depth))
    return "".join(parts)
cases = []
while len(cases) < 400:
    tpl = body(0) + rnd.choice(["", "\n", "\n\n", " "])
    try:
        cases.append({"template": tpl, "output": env.from_string(tpl).render(t=True, i=7, lst=[1, 2])})
    except Exception as e:
        cases.append({"template": tpl, "error": f"{type(e).__name__}: {e}"})
json.dump({"variables": {"t": True, "i": 7, "lst": [1, 2]}, "cases": cases}, sys.stdout, ensure_ascii=False, indent=1)
