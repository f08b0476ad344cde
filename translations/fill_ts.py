#!/usr/bin/env python3
"""Fills tcplab_zh_CN.ts from zh_CN.py after lupdate; lists any source text left untranslated.
Usage: translations/fill_ts.py translations/tcplab_zh_CN.ts  (exit 1 if something is missing)"""
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from zh_CN import T, C  # noqa: E402

path = sys.argv[1]
tree = ET.parse(path)
missing = []
for ctx in tree.getroot().findall('context'):
    name = ctx.find('name').text
    for m in ctx.findall('message'):
        src = m.find('source').text
        zh = C.get((name, src), T.get(src))
        tr = m.find('translation')
        if zh is None:
            missing.append((name, src))
            continue
        for child in list(tr):
            tr.remove(child)
        tr.text = None
        if m.get('numerus') == 'yes':
            form = ET.SubElement(tr, 'numerusform')
            form.text = zh
        else:
            tr.text = zh
        tr.attrib.pop('type', None)
tree.write(path, encoding='utf-8', xml_declaration=True)
with open(path, encoding='utf-8') as f:
    text = f.read()
# lupdate's own header line
text = text.replace("<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
with open(path, 'w', encoding='utf-8') as f:
    f.write(text)
for name, src in missing:
    print(f'untranslated: [{name}] {src!r}')
sys.exit(1 if missing else 0)
