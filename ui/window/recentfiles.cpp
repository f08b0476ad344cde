#include "ui/window/recentfiles.h"

#include "ui/window/appsettings.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

RecentFiles::RecentFiles(QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_menu(menu)
{
    m_menu->setToolTipsVisible(true);
    // Re-read on every opening: a file deleted meanwhile disappears from the menu.
    connect(m_menu, &QMenu::aboutToShow, this, &RecentFiles::rebuild);
    retranslate();
}

QStringList RecentFiles::prepended(const QStringList &files, const QString &path, int max)
{
    QStringList result{path};
    for (const QString &f : files) {
        if (result.size() >= max)
            break;
        if (f != path && !f.isEmpty())
            result.append(f);
    }
    return result;
}

QStringList RecentFiles::existing(const QStringList &files)
{
    QStringList result;
    for (const QString &f : files) {
        if (QFileInfo(f).isFile())
            result.append(f);
    }
    return result;
}

QStringList RecentFiles::files() const
{
    const auto settings = AppSettings::open();
    return existing(settings->value(AppSettings::recentFilesKey()).toStringList())
        .mid(0, kMaxFiles);
}

void RecentFiles::add(const QString &fileName)
{
    const QFileInfo info(fileName);
    if (fileName.startsWith(QLatin1Char(':')) || !info.isFile())
        return; // an embedded example, or nothing on disk
    store(prepended(files(), info.absoluteFilePath()));
}

void RecentFiles::clear()
{
    store({});
}

void RecentFiles::store(const QStringList &files)
{
    const auto settings = AppSettings::open();
    settings->setValue(AppSettings::recentFilesKey(), files);
    rebuild();
}

void RecentFiles::retranslate()
{
    m_menu->setTitle(tr("Open &recent"));
    rebuild();
}

void RecentFiles::rebuild()
{
    if (!m_menu)
        return;
    // Not QMenu::clear(): the action being triggered may be one of these (opening a recent
    // file records it again), so it must outlive this call.
    const QList<QAction *> old = m_menu->actions();
    for (QAction *a : old) {
        m_menu->removeAction(a);
        a->deleteLater();
    }
    const QStringList list = files();
    int n = 0;
    for (const QString &path : list) {
        const QFileInfo info(path);
        // "&1 lost-final-ack.tcplab": numbered for the keyboard; the folder in the tooltip.
        QAction *a = m_menu->addAction(
            QStringLiteral("&%1 %2").arg(++n).arg(info.fileName().replace(
                QLatin1Char('&'), QStringLiteral("&&"))));
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setStatusTip(QDir::toNativeSeparators(path));
        connect(a, &QAction::triggered, this, [this, path] { Q_EMIT openRequested(path); });
    }
    if (list.isEmpty()) {
        m_menu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("&Clear menu")), &QAction::triggered, this, &RecentFiles::clear);
}
