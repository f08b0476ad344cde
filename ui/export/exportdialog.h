#pragma once
// File > Export's questions before the file dialog: which view, which format, what size (slide
// presets, the window's width, or a custom width by height) and what content — the whole run,
// as `tcplab-cli export` draws it, or the view as on screen up to the playhead. It only asks:
// MainWindow::exportTo() writes the file.

#include "ui/export/exportchoice.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

class ExportDialog : public QDialog {
    Q_OBJECT

public:
    // sequenceWidth, graphWidth: each view's width on screen (the "Width of the window" preset).
    ExportDialog(const ExportChoice &choice, int sequenceWidth, int graphWidth,
                 QWidget *parent = nullptr);

    ExportChoice choice() const;

private:
    QString presetText(ExportChoice::Preset preset) const;
    int windowWidth() const; // of the chosen view
    void updateSize();       // the spin boxes, their state and the hint, after any change

    int m_sequenceWidth;
    int m_graphWidth;
    QComboBox *m_view;
    QComboBox *m_format;
    QComboBox *m_preset;
    QSpinBox *m_width;
    QSpinBox *m_height;
    QLabel *m_hint;
    QButtonGroup *m_content;
    QCheckBox *m_pages;
    QSize m_custom; // what the spin boxes held while Custom was chosen
};
