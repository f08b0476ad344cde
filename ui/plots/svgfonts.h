#pragma once
// QSvgGenerator writes the font family Qt asked for, often its generic "Sans Serif", which a
// browser does not know (it falls back to a serif face). Both SVG writers -- the diagrams' and
// the plots' -- pass their output through this so the file names the family the text was really
// drawn in, then CJK and generic fallbacks: the SVG looks like the screen wherever it opens.

#include <QByteArray>

QByteArray withPortableFontFamilies(const QByteArray &svg);
