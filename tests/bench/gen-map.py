#!/usr/bin/env python3
"""Generate a deterministic canonical .waymark map for benchmarks.

    gen-map.py --stages N --out FILE [--lang en|zh-CN] [--digest FILE]
    gen-map.py --shape SHAPE --count N --out FILE [--foreign]

The map has N stages (s0..s{N-1}) and 9 lanes (l0..l8): 8 card lanes
(actions, a second actions lane titled "Backstage", touchpoints, thoughts,
pains, needs, opportunities, notes) plus one emotion lane with no cards.
Every card lane holds one card per stage, so the map has exactly 8*N cards
(c0.., numbered in document order).  2,000 cards = 250 stages,
8,000 cards = 1,000 stages.

Card text is pseudo-random but fully determined by the card index, about
40-60 characters (en) or 24-36 characters (zh-CN): two lines in a 200 pt
cell at 10 pt.  One persona with a curve point per stage (value in -3..3,
step 0.5) and a moment every 10 stages.

Other shapes (--shape, with --count N), for the huge-map benchmarks:
  stages     N stages with a title, one emotion lane, no cards
  curve      N stages and one persona's curve with a point in each
  moments    one stage, one persona, N moments (one line of text) on it
  personas   N personas, 4 stages, each persona a curve with 4 points
  cards      N cards: N/8 stages of the map above (the default shape)
  dup-points one stage, one curve with N points all on it (invalid)
  errors     N cards that name an undefined stage (invalid, N problems)
--foreign adds another tool's attribute and element to every stage, card,
persona, moment and curve (kept by Waymark, allowed by the schema).

--digest also writes the same map, already parsed, as tab-separated
lines for the benchmark's references (ref-minimal.c), which must not pay
for parsing:
  map   LANG N_STAGES N_LANES
  lane  INDEX KIND TITLE
  stage INDEX TITLE
  card  LANE STAGE TOUCHPOINT KEY SEVERITY FREQUENCY CHANNEL OWNER TEXT
  point STAGE VALUE
  moment STAGE AT KIND TEXT
(absent values are "-" or 0).

Output follows data/waymark-format.md (canonical form), stdlib only.
"""

import argparse
import random
import re
import sys

EN_WORDS = (
    "book ticket check price compare review wait queue call support app "
    "website store staff form login password delivery refund coupon "
    "search filter map route parking entrance checkout receipt email "
    "reminder schedule change cancel upgrade plan family friend weekend "
    "late slow fast easy confusing clear unclear missing broken helpful "
    "friendly rude cheap expensive hidden fee R&D <beta> signup survey "
    "feedback photo share chat bot agent manager counter kiosk screen"
).split()

ZH_PHRASES = (
    "查看攻略 比较价格 预订门票 排队等候 联系客服 打开应用 填写表单 "
    "登录账号 忘记密码 等待配送 申请退款 使用优惠券 搜索附近 查看地图 "
    "寻找停车位 找到入口 结账付款 收到邮件 设置提醒 修改行程 取消订单 "
    "升级套餐 和朋友分享 周末出行 速度太慢 流程清楚 说明不清 缺少信息 "
    "页面打不开 服务热情 价格偏贵 隐藏费用 拍照打卡 填写问卷 反馈意见 "
    "在线咨询 机器人回复 人工客服 自助终端 屏幕太小 营地有遮雨棚 "
    "交通拥堵 天气变化 装备齐全 第一次体验"
).split()

CARD_LANES = [
    # (kind, en title, zh title)
    ("actions", "Actions", "客户行为"),
    ("actions", "Backstage", "后台"),
    ("touchpoints", "Touchpoints", "触点"),
    ("thoughts", "Thoughts", "想法"),
    None,  # emotion lane goes here
    ("pains", "Pains", "痛点"),
    ("needs", "Needs", "需求"),
    ("opportunities", "Opportunities", "机会"),
    ("notes", "Notes", "备注"),
]

TOUCHPOINTS = ("pre", "first", "core", "missed")
CHANNELS_EN = ("app", "web", "phone", "store", "email", "chat")
CHANNELS_ZH = ("小程序", "官网", "电话", "门店", "邮件", "小红书")
OWNERS_EN = ("Product", "Support", "Ops", "Marketing", "Design")
OWNERS_ZH = ("产品部", "客服部", "运营部", "市场部", "设计部")


def esc_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(s):
    return esc_text(s).replace('"', "&quot;")


def num(v):
    """Shortest number form: 1, -0.5, 0.25, never 1.0."""
    if v == int(v):
        return str(int(v))
    return repr(float(v)).rstrip("0")


def card_text(index, lang):
    rng = random.Random(index * 7919 + 17)
    if lang == "zh-CN":
        target = rng.randint(24, 32)
        out = ""
        while len(out) < target:
            p = rng.choice(ZH_PHRASES)
            out += ("，" if out else "") + p
        return out + "。"
    target = rng.randint(40, 60)
    words = []
    length = -1
    while True:
        w = rng.choice(EN_WORDS)
        if length + 1 + len(w) > target and length >= 40:
            break
        if length + 1 + len(w) > 60:
            continue
        words.append(w)
        length += 1 + len(w)
    s = " ".join(words)
    return s[0].upper() + s[1:]


def generate(n, lang, out, digest=None):
    zh = lang == "zh-CN"
    w = out.write
    d = digest.write if digest is not None else (lambda line: None)
    d("map\t%s\t%d\t%d\n" % (lang, n, len(CARD_LANES)))
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<map xmlns="urn:waymark:map:1" format="1" xml:lang="%s">\n' % lang)
    if zh:
        w("  <title>基准测试旅程图（%d 个阶段）</title>\n" % n)
        w("  <scenario>自动生成的基准测试数据</scenario>\n")
    else:
        w("  <title>Benchmark journey (%d stages)</title>\n" % n)
        w("  <scenario>Generated benchmark data</scenario>\n")
    w('  <persona id="p0" color="#3584e4">\n')
    w("    <name>%s</name>\n" % ("城市露营爱好者" if zh else "Weekend camper"))
    w("  </persona>\n")
    for s in range(n):
        w('  <stage id="s%d">\n' % s)
        w("    <title>%s</title>\n" % (("阶段 %d" if zh else "Stage %d") % (s + 1)))
        w("  </stage>\n")
        d("stage\t%d\t%s\n" % (s, ("阶段 %d" if zh else "Stage %d") % (s + 1)))

    chans = CHANNELS_ZH if zh else CHANNELS_EN
    owners = OWNERS_ZH if zh else OWNERS_EN
    card = 0
    for li, lane in enumerate(CARD_LANES):
        if lane is None:
            w('  <lane id="l%d" kind="emotion">\n' % li)
            w("    <title>%s</title>\n" % ("情绪" if zh else "Emotion"))
            w("  </lane>\n")
            d("lane\t%d\temotion\t%s\n" % (li, "情绪" if zh else "Emotion"))
            continue
        kind, en, zht = lane
        d("lane\t%d\t%s\t%s\n" % (li, kind, zht if zh else en))
        w('  <lane id="l%d" kind="%s">\n' % (li, kind))
        w("    <title>%s</title>\n" % (zht if zh else en))
        for s in range(n):
            rng = random.Random(card * 104729 + 3)
            attrs = ' id="c%d" stage="s%d"' % (card, s)
            tp, key, sev, freq, chan, owner = "-", 0, 0, 0, "-", "-"
            if kind == "touchpoints":
                tp = TOUCHPOINTS[card % 4]
                attrs += ' touchpoint="%s"' % tp
                if rng.random() < 0.2:
                    attrs += ' key="true"'
                    key = 1
                chan = rng.choice(chans)
                attrs += ' channel="%s"' % esc_attr(chan)
            elif kind == "pains":
                sev = rng.randint(1, 5)
                freq = rng.randint(1, 40)
                attrs += ' severity="%d"' % sev
                attrs += ' frequency="%d"' % freq
            elif kind == "needs":
                freq = rng.randint(1, 40)
                attrs += ' frequency="%d"' % freq
            elif kind == "opportunities":
                owner = rng.choice(owners)
                attrs += ' owner="%s"' % esc_attr(owner)
            w("    <card%s>\n" % attrs)
            w("      <text>%s</text>\n" % esc_text(card_text(card, lang)))
            d("card\t%d\t%d\t%s\t%d\t%d\t%d\t%s\t%s\t%s\n"
              % (li, s, tp, key, sev, freq, chan, owner, card_text(card, lang)))
            w("    </card>\n")
            card += 1
        w("  </lane>\n")

    w('  <curve persona="p0">\n')
    for s in range(n):
        v = random.Random(s * 31337 + 5).randint(-6, 6) / 2.0
        w('    <point stage="s%d" value="%s"/>\n' % (s, num(v)))
        d("point\t%d\t%s\n" % (s, num(v)))
    w("  </curve>\n")
    for m, s in enumerate(range(0, n, 10)):
        kind = "aha" if m % 2 == 0 else "micro"
        text = (("第 %d 阶段的关键时刻" if zh else "Key moment in stage %d") % (s + 1))
        w('  <moment id="m%d" kind="%s" persona="p0" stage="s%d" at="0.6">\n'
          % (m, kind, s))
        w("    <text>%s</text>\n" % esc_text(text))
        w("  </moment>\n")
        d("moment\t%d\t0.6\t%s\t%s\n" % (s, kind, text))
    w("</map>\n")
    return card


FOREIGN_NS = ' xmlns:t="urn:example:tool"'


def foreign_attr(foreign, i):
    return ' t:ref="r%d"' % i if foreign else ""


def foreign_elem(foreign, indent, i):
    if not foreign:
        return ""
    return '%s<t:note t:n="%d">kept <t:b>as is</t:b></t:note>\n' % (indent, i)


def generate_shape(shape, n, foreign, out):
    w = out.write
    f = foreign
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<map xmlns="urn:waymark:map:1"%s format="1" xml:lang="en">\n'
      % (FOREIGN_NS if f else ""))
    w("  <title>Huge map: %d %s</title>\n" % (n, shape))
    personas = n if shape == "personas" else 1
    for p in range(personas):
        w('  <persona id="p%d"%s>\n' % (p, foreign_attr(f, p)))
        w("    <name>Persona %d</name>\n" % p)
        w(foreign_elem(f, "    ", p))
        w("  </persona>\n")
    stages = {"stages": n, "curve": n, "personas": 4, "errors": 1}.get(shape, 1)
    for s in range(stages):
        w('  <stage id="s%d"%s>\n' % (s, foreign_attr(f, s)))
        w("    <title>Stage %d</title>\n" % (s + 1))
        w(foreign_elem(f, "    ", s))
        w("  </stage>\n")
    if shape == "errors":
        w('  <lane id="l0" kind="actions">\n')
        for c in range(n):
            w('    <card id="c%d" stage="nowhere"%s>\n' % (c, foreign_attr(f, c)))
            w("      <text>Card %d</text>\n" % c)
            w(foreign_elem(f, "      ", c))
            w("    </card>\n")
        w("  </lane>\n")
    w('  <lane id="feel" kind="emotion"/>\n')
    for p in range(personas):
        w('  <curve persona="p%d"%s>\n' % (p, foreign_attr(f, p)))
        points = {"curve": n, "personas": 4, "dup-points": n}.get(shape, 0)
        for s in range(points):
            v = random.Random(s * 31337 + p * 7 + 5).randint(-6, 6) / 2.0
            w('    <point stage="s%d" value="%s"%s/>\n'
              % (0 if shape == "dup-points" else s, num(v), foreign_attr(f, s)))
        w(foreign_elem(f, "    ", p))
        w("  </curve>\n")
    if shape == "moments":
        for m in range(n):
            w('  <moment id="m%d" kind="%s" persona="p0" stage="s0" at="%s"%s>\n'
              % (m, "aha" if m % 2 == 0 else "micro", num((m % 11) / 10.0),
                 foreign_attr(f, m)))
            w("    <text>Moment %d: the queue moved</text>\n" % m)
            w(foreign_elem(f, "    ", m))
            w("  </moment>\n")
    w("</map>\n")


def generate_cards(n_stages, foreign, out):
    """generate() with another tool's content on every stage and card."""
    from io import StringIO
    buf = StringIO()
    cards = generate(n_stages, "en", buf)
    text = buf.getvalue()
    if foreign:
        text = text.replace('<map xmlns="urn:waymark:map:1"',
                            '<map xmlns="urn:waymark:map:1"' + FOREIGN_NS, 1)
        text = re.sub(r'(<(stage|card) id="[^"]*")', r'\1 t:ref="x"', text)
        text = re.sub(r'(\n(\s*)</(stage|card)>)',
                      lambda m: "\n" + m.group(2) + "  <t:note>kept</t:note>" + m.group(1),
                      text)
    out.write(text)
    return cards


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stages", type=int)
    ap.add_argument("--shape", choices=("stages", "curve", "moments", "personas",
                                        "cards", "dup-points", "errors"))
    ap.add_argument("--count", type=int)
    ap.add_argument("--foreign", action="store_true")
    ap.add_argument("--out", required=True)
    ap.add_argument("--lang", choices=("en", "zh-CN"), default="en")
    ap.add_argument("--digest")
    a = ap.parse_args()
    if a.shape is not None:
        if a.count is None or a.count < 1:
            ap.error("--shape needs --count N >= 1")
        with open(a.out, "w", encoding="utf-8", newline="\n") as f:
            if a.shape == "cards":
                generate_cards(max(1, a.count // 8), a.foreign, f)
            else:
                generate_shape(a.shape, a.count, a.foreign, f)
        print("%s: %s x %d" % (a.out, a.shape, a.count), file=sys.stderr)
        return
    if a.stages is None or a.stages < 1:
        ap.error("--stages must be >= 1")
    digest = open(a.digest, "w", encoding="utf-8", newline="\n") if a.digest else None
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        cards = generate(a.stages, a.lang, f, digest)
    if digest is not None:
        digest.close()
    print("%s: %d stages, %d cards" % (a.out, a.stages, cards), file=sys.stderr)


if __name__ == "__main__":
    main()
