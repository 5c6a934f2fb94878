#!/usr/bin/env python3
"""Writes pretokenizer-cases.jsonl: how the original pre-tokenizer regexes split sample texts.

The patterns are the ones the models' tokenizer.json files carry (as quoted in llama.cpp's
llama-vocab.cpp); multi-pattern pre-tokenizers apply each pattern to every piece of the previous one,
keeping unmatched text as pieces of its own (llama.cpp's unicode_regex_split, Hugging Face's
Sequence of Split(behavior=isolated)). Run with the third-party `regex` module, which supports
\\p{...} classes, (?i:...) groups and lookahead:  python3 make_pretokenizer_cases.py
"""
import json
import random

import regex

CONTRACTIONS = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)"
PATTERNS = {
    "gpt-2": [r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"],
    "llama-bpe": [CONTRACTIONS + r"|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"],
    "qwen2": [CONTRACTIONS + r"|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"],
    "gpt-4o": [
        r"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+" + CONTRACTIONS + "?"
        r"|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*" + CONTRACTIONS + "?"
        r"|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+"],
    "tekken": [
        r"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+"
        r"|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*"
        r"|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+"],
    "deepseek-llm": [
        r"[\r\n]",
        r"\s?[A-Za-zµÀ-ÖØ-öø-ƺƼ-ƿǄ-ʓʕ-ʯͰ-ͳͶͷͻ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯԱ-ՖႠ-ჅᎠ-Ᏽᏸ-ᏽᲐ-ᲺᲽ-Ჿᴀ-ᴫᵫ-ᵷᵹ-ᶚḀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝ\u1F5F-\u1F7Dᾀ-ᾴᾶ-ᾼ\u1FBEῂ-ῄῆ-ῌ\u1FD0-\u1FD3\u1FD6-\u1FDBῠ-Ῥῲ-ῴῶ-ῼℂℇℊ-ℓℕℙ-ℝℤ\u2126ℨ\u212A-ℭℯ-ℴℹℼ-ℿⅅ-ⅉⅎↃↄⰀ-ⱻⱾ-ⳤⳫ-ⳮⳲⳳꙀ-ꙭꚀ-ꚛꜢ-ꝯꝱ-ꞇꞋ-ꞎꭰ-ꮿﬀ-ﬆﬓ-ﬗＡ-Ｚａ-ｚ𐐀-𐑏𐒰-𐓓𐓘-𐓻𐲀-𐲲𐳀-𐳲𑢠-𑣟𞤀-𞥃]+",
        r"\s?[!-/:-~！-／：-～‘-‟　-。]+",
        r"\s+$",
        r"[一-龥ࠀ-一가-퟿]+",
        r"\p{N}+"],
    "deepseek-coder": [r"[\r\n]", r"\s?\p{L}+", r"\s?\p{P}+", r"[一-龥ࠀ-一가-퟿]+", r"\p{N}"],
    "starcoder": [r"\p{N}", r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)"],
    "default": [
        r"[\p{P}\$\+<=>\^~\|]+",
        r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)",
        r"\p{N}+",
        r"[0-9][0-9][0-9]"],
}

HAND = [
    "Hello world123 ... 's  \n\n  x",
    "I'll say it's 'Quoted' and WE'LL see; they'RE here",
    "HTTPServer's JSONParser parseHTTP x1y2 ABCdef abcDEF",
    "    def f(x):\n        return x**2  # square\n\n\n",
    "foo(bar)/baz//qux\r\n\tindent\t\ttabs  \t \n",
    "12345678 3.14159 1,000,000 ٣٤٥ Ⅻ ½",
    "日本語のテキスト、中文。한국어 텍스트",
    "émoji 🎉🎉 mixed👍🏽text ñandú Straße",
    "a\u00a0b\u3000c \u2003d",
    "caf\u0065\u0301 na\u0308ive \u0301x",
    "ǅemal ʰmod ΩΣω жЖ",
    "   leading and trailing   ",
    "",
    " ",
    "\n",
    "'s's'S",
    "x = {\"key\": [1, 2, 3], 'v': None}  // comment",
    "<div class=\"a\">Text</div>\n<|im_start|>",
]

ALPHABET = (
    list("abcxyzABCXYZ0123456789") + list(" \t\n\r'/.,!?-_(){}[]<>\"#$%&*+=~|") +
    ["é", "ß", "Ǆ", "ǅ", "ʰ", "日", "本", "\u0301", "٣", "Ⅻ", "½", "🎉", "\u00a0", "\u3000", "。",
     "Ａ", "µ", "Ω", "ж", "가", "’", "ー", "ｶ"] +
    ["'s", "'LL", "'re", "'T", "  ", "\n\n", "\r\n", "http://x.io/a"])


def split(pre, text):
    pieces = [text] if text else []
    for pattern in PATTERNS[pre]:
        compiled = regex.compile(pattern)
        out = []
        for piece in pieces:
            pos = 0
            for m in compiled.finditer(piece):
                if m.start() == m.end():
                    continue
                if m.start() > pos:
                    out.append(piece[pos:m.start()])
                out.append(m.group())
                pos = m.end()
            if pos < len(piece):
                out.append(piece[pos:])
        pieces = out
    return pieces


def main():
    rng = random.Random(4)
    with open("pretokenizer-cases.jsonl", "w", encoding="utf-8") as f:
        for pre in PATTERNS:
            texts = list(HAND)
            for _ in range(300):
                texts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 24))))
            for text in texts:
                pieces = split(pre, text)
                assert "".join(pieces) == text
                f.write(json.dumps({"pre": pre, "text": text, "pieces": pieces}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
