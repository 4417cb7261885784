"""A "stress" project: every layout, filled with the text and pictures hostile-input tests care
about (Norwegian, Sami, emoji, right-to-left, links, deep lists, a sideways phone photo), for
the real-client checks (Open XML SDK validator, LibreOffice) and the reproducibility tests."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

COUNTY = """\
name: Sápmi – Ŋuorra
board:
  name: Styret 🎉
  period: "2024-2027"
  members:
    - {name: Áŋŋá Šŧžéńdal, place: Kárášjohka, role: leder}
    - {name: שרה כהן, place: Tromsø, role: nestleder}
    - {name: محمد علي, place: Bodø}
    - {name: Ærlig Østby, place: Ås}
    - {name: Zoë 👩‍👩‍👧, place: Vadsø}
"""

DECK = """\
title: Stress – Sámi áŋšŧž 🎉
subtitle: "שלום – {{ county.name }}"
author: deckgen
date: "2024-05-02"
lang: nb-NO
county: sapmi
meeting:
  name: Regionmøte
  place: Kárášjohka
slides:
  - layout: title
  - use: text
  - use: pictures
  - use: structure
"""

TEXT = """\
---
layout: section
subtitle: Ærøy, Åsane, Čáhppes
---

# Seksjon áŋšŧž 🎉

---

# Punkter: «æøå» & co

- Norsk: Blåbærsyltetøy [ks.no](https://www.ks.no/?a=1&b=2) og [post](mailto:post@ks.no)
- Sámi: áŋšŧž ÁŊŠŦŽ, `kode <b>`
  - עברית מימין לשמאל
    - العربية من اليمين
      - nivå fire **fet** *kursiv*
        - nivå fem 👍🏽
- Emoji: 🎉 👩‍👩‍👧 🇳🇴

::: notes
Notat med <script>alert(1)</script> som tekst, og שלום.
:::

---

# Tabell ✓

| Navn | Sted | Tall |
|---|---|---|
| Áŋŋá | Kárášjohka | 1 |
| שרה | Tromsø | 2,5 |

---

```yaml slide
layout: question
```

Hva betyr áŋšŧž for deg? 🤔

---

```yaml slide
layout: discussion
minutes: 3
pairing: to og to
```

Diskuter: מה דעתך? Hva mener dere?
"""

PICTURES = """\
---
layout: image
image: ../../assets/telefon.jpg
alt: Et sidelengs telefonbilde – rødt og blått
credit: "Foto: Zoë 📷"
---

---

```yaml slide
layout: tiles
title: Lenker 🔗
tiles:
  - title: KS – «hjem»
    url: https://www.ks.no/
  - title: Video ▶
    kind: video
    url: https://youtu.be/ZSaGU498CK0
  - title: E-post å
    url: mailto:post@ks.no
```
"""

STRUCTURE = """\
---
layout: columns
title: Kolonner
columns:
  - heading: Én – áŋ
    body: "- a\\n- b"
  - heading: To – שלום
  - heading: Tre 🎉
---

---

```yaml slide
layout: roster
title: Styret i {{ county.name }}
people: "{{ county.board.members }}"
per_page: 3
```

---

```yaml slide
layout: orgchart
title: Hvem velger hvem – áŋšŧž
bodies:
  - id: kommunene
    name: Kommunene 🏛
  - id: moetet
    name: Møtet
    elected_by: [kommunene]
    facts: ["Én gang i året", "שנה"]
  - id: styret
    name: Styret
    elected_by: [moetet]
```
"""


def phone_photo() -> bytes:
    """Sideways (EXIF orientation 6) with camera make and GPS: resolve must turn and clean it."""
    img = Image.new("RGB", (64, 32), (200, 30, 30))
    img.paste((30, 30, 200), (32, 0, 64, 32))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (69.0, 28.0, 0.0)
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def write_stress_project(root: Path, brand: str | None = None) -> Path:
    """Write the project under ``root``; return its deck file. ``brand`` names a folder of
    templates/ the caller has provided (default: the built-in brand)."""
    files = {
        "content/decks/stress.yaml": DECK if brand is None
        else DECK.replace("lang: nb-NO\n", f"lang: nb-NO\nbrand: {brand}\n"),
        "content/counties/sapmi.yaml": COUNTY,
        "content/slides/text.md": TEXT,
        "content/slides/pictures.md": PICTURES,
        "content/slides/structure.md": STRUCTURE,
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "assets").mkdir(parents=True, exist_ok=True)
    (root / "assets" / "telefon.jpg").write_bytes(phone_photo())
    return root / "content" / "decks" / "stress.yaml"
