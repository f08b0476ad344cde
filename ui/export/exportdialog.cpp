#include "ui/export/exportdialog.h"

#include "ui/export/diagramexporter.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

ExportDialog::ExportDialog(const ExportChoice &choice, int sequenceWidth, int graphWidth,
                           QWidget *parent)
    : QDialog(parent)
    , m_sequenceWidth(sequenceWidth)
    , m_graphWidth(graphWidth)
    , m_view(new QComboBox(this))
    , m_format(new QComboBox(this))
    , m_preset(new QComboBox(this))
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_hint(new QLabel(this))
    , m_content(new QButtonGroup(this))
    , m_pages(new QCheckBox(this))
    , m_custom(choice.customSize)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export"));

    m_view->setObjectName(QStringLiteral("exportView"));
    m_view->addItem(tr("Sequence diagram"), QStringLiteral("sequence"));
    m_view->addItem(tr("State graph"), QStringLiteral("graph"));
    m_view->setCurrentIndex(std::max(0, m_view->findData(choice.view)));

    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("PNG (image)"), QStringLiteral("png"));
    m_format->addItem(tr("SVG (vector)"), QStringLiteral("svg"));
    m_format->addItem(tr("PDF (vector)"), QStringLiteral("pdf"));
    m_format->setCurrentIndex(std::max(0, m_format->findData(choice.format)));

    m_preset->setObjectName(QStringLiteral("exportSize"));
    for (ExportChoice::Preset preset : ExportChoice::presets())
        m_preset->addItem(presetText(preset), int(preset));
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(int(choice.preset))));

    m_width->setObjectName(QStringLiteral("exportWidth"));
    m_width->setRange(1, ExportChoice::kMaxPixels);
    m_width->setAccessibleName(tr("Width"));
    m_height->setObjectName(QStringLiteral("exportHeight"));
    m_height->setRange(0, ExportChoice::kMaxPixels);
    m_height->setSpecialValueText(tr("as tall as needed"));
    m_height->setAccessibleName(tr("Height"));
    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(m_height);
    sizeRow->addStretch();

    m_hint->setObjectName(QStringLiteral("exportHint"));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    auto *whole = new QRadioButton(tr("Whole run (as tcplab-cli export)"), this);
    whole->setObjectName(QStringLiteral("exportWholeRun"));
    whole->setToolTip(tr("Every event, with no playhead and no fading: the file tcplab-cli "
                         "export writes for this view and size."));
    auto *screen =
        new QRadioButton(tr("As on screen, up to the playhead (step-by-step slides)"), this);
    screen->setObjectName(QStringLiteral("exportAsOnScreen"));
    screen->setToolTip(tr("The view's options, the playhead and the events after it faded, as "
                          "the window shows them now."));
    m_content->addButton(whole, int(ExportChoice::Content::WholeRun));
    m_content->addButton(screen, int(ExportChoice::Content::AsOnScreen));
    (choice.content == ExportChoice::Content::AsOnScreen ? screen : whole)->setChecked(true);
    m_pages->setObjectName(QStringLiteral("exportPages"));
    m_pages->setText(tr("Cut into pages of this size (PDF of a whole run)"));
    m_pages->setToolTip(tr("A run too long for one page: as many pages as it needs, each with "
                           "the lifelines' heads on top, instead of one page scaled to fit."));
    m_pages->setChecked(choice.pages);
    auto *content = new QVBoxLayout;
    content->addWidget(whole);
    content->addWidget(screen);
    content->addWidget(m_pages);

    auto *form = new QFormLayout;
    form->addRow(tr("&View:"), m_view);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Size:"), m_preset);
    form->addRow(tr("Width × height:"), sizeRow);
    form->addRow(QString(), m_hint);
    form->addRow(tr("Content:"), content);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export…"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(buttons);

    updateSize();
    auto changed = [this] { updateSize(); };
    connect(m_view, &QComboBox::currentIndexChanged, this, changed);
    connect(m_format, &QComboBox::currentIndexChanged, this, changed);
    connect(m_preset, &QComboBox::currentIndexChanged, this, changed);
    connect(m_content, &QButtonGroup::idClicked, this, changed);
    connect(m_pages, &QCheckBox::toggled, this, changed);
    connect(m_width, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_width->isEnabled())
            m_custom.setWidth(value);
        updateSize();
    });
    connect(m_height, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_height->isEnabled())
            m_custom.setHeight(value);
        updateSize();
    });
}

QString ExportDialog::presetText(ExportChoice::Preset preset) const
{
    switch (preset) {
    case ExportChoice::Preset::Slide1920:
        return tr("16:9 slide 1920×1080");
    case ExportChoice::Preset::Slide1280:
        return tr("16:9 slide 1280×720");
    case ExportChoice::Preset::Slide1024:
        return tr("4:3 slide 1024×768");
    case ExportChoice::Preset::A4Landscape:
        return tr("A4 landscape 842×595 pt (for PDF)");
    case ExportChoice::Preset::Window:
        return tr("Width of the window (%1 px)").arg(windowWidth());
    case ExportChoice::Preset::Custom:
        break;
    }
    return tr("Custom");
}

int ExportDialog::windowWidth() const
{
    return m_view->currentData().toString() == QLatin1String("graph") ? m_graphWidth
                                                                      : m_sequenceWidth;
}

ExportChoice ExportDialog::choice() const
{
    ExportChoice c;
    c.view = m_view->currentData().toString();
    c.format = m_format->currentData().toString();
    c.preset = ExportChoice::Preset(m_preset->currentData().toInt());
    c.customSize = m_custom;
    c.content = ExportChoice::Content(m_content->checkedId());
    c.pages = m_pages->isChecked();
    return c;
}

void ExportDialog::updateSize()
{
    // The window's width depends on the view.
    m_preset->setItemText(m_preset->findData(int(ExportChoice::Preset::Window)),
                          presetText(ExportChoice::Preset::Window));

    const ExportChoice c = choice();
    const bool custom = c.preset == ExportChoice::Preset::Custom;
    const QSize size = c.size(windowWidth());
    const QSignalBlocker blockWidth(m_width);
    const QSignalBlocker blockHeight(m_height);
    m_width->setEnabled(custom);
    m_height->setEnabled(custom);
    m_width->setValue(size.width());
    m_height->setValue(size.height());
    // A PDF's size is in points: one point per pixel of the other formats.
    const QString unit = c.format == QLatin1String("pdf") ? tr("pt") : tr("px");
    m_width->setSuffix(QLatin1Char(' ') + unit);
    m_height->setSuffix(QLatin1Char(' ') + unit);
    m_pages->setEnabled(c.format == QLatin1String("pdf") && c.view == QLatin1String("sequence")
                        && c.content == ExportChoice::Content::WholeRun);
    if (c.pagesApply())
        m_hint->setText(tr("Pages of %1×%2 pt (A4 landscape where no height is given), as many "
                           "as the run needs, each with the lifelines' heads on top.")
                            .arg(size.width())
                            .arg(size.height() > 0 ? size.height()
                                                   : DiagramExporter::pageSize(size).height()));
    else if (size.height() <= 0)
        m_hint->setText(
            tr("%1 %2 wide, as tall as the diagram needs.").arg(size.width()).arg(unit));
    else if (c.format == QLatin1String("pdf"))
        m_hint->setText(tr("The page is exactly %1×%2 pt: the diagram is scaled to fit it, "
                           "keeping its proportions.")
                            .arg(size.width())
                            .arg(size.height()));
    else
        m_hint->setText(tr("The image is exactly %1×%2 px: the diagram is scaled to fit it, "
                           "keeping its proportions.")
                            .arg(size.width())
                            .arg(size.height()));
}
