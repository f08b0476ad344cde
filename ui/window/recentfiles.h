#pragma once
// File > Open recent: the last scenarios and traces opened from disk, newest first, kept in
// AppSettings between runs. Files that no longer exist are dropped whenever the list is read.
// Embedded examples are not recorded: they have their own menu.

#include <QObject>
#include <QPointer>
#include <QStringList>

class QAction;
class QMenu;

class RecentFiles : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxFiles = 8;

    // Fills menu (owned by the caller) and keeps it current.
    explicit RecentFiles(QMenu *menu, QObject *parent = nullptr);

    // path first, then files without it, at most max of them (no file system access).
    static QStringList prepended(const QStringList &files, const QString &path,
                                 int max = kMaxFiles);
    static QStringList existing(const QStringList &files);

    QStringList files() const; // from the settings, missing files dropped
    void add(const QString &fileName);
    void clear();
    void retranslate();

Q_SIGNALS:
    void openRequested(const QString &fileName);

private:
    void store(const QStringList &files);
    void rebuild();

    QPointer<QMenu> m_menu;
};
