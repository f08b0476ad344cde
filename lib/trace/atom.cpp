#include "atom.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace tcplab {

namespace {

struct Entry {
    std::string text;
    Message message;
};

std::size_t hashOf(const Message &m)
{
    std::size_t h = std::hash<std::string_view>()(m.text) ^ (m.word ? 0x9e3779b97f4a7c15u : 0);
    for (const Message &a : m.args)
        h = h * 1099511628211u ^ hashOf(a);
    return h;
}

// What the map is keyed by: views of the caller's text and message while looking up, of the
// stored entry's once inserted.
struct Key {
    std::string_view text;
    const Message *message; // null: none
    bool operator==(const Key &o) const
    {
        if (text != o.text)
            return false;
        const bool a = message && !message->empty(), b = o.message && !o.message->empty();
        return a == b && (!a || *message == *o.message);
    }
};

struct KeyHash {
    std::size_t operator()(const Key &k) const
    {
        const std::size_t h = std::hash<std::string_view>()(k.text);
        return k.message && !k.message->empty() ? h ^ (hashOf(*k.message) * 31) : h;
    }
};

// Entries live in chunks that never move, so a reader indexes them without the lock: an
// atom's number reached the reader after its entry was written (through whatever handed the
// reader the event), and the chunk's pointer is published with release/acquire.
constexpr unsigned kChunkBits = 12;
constexpr std::uint32_t kChunkSize = 1u << kChunkBits;
constexpr std::uint32_t kChunks = 1u << 12; // 16 million atoms

struct Table {
    std::mutex mutex;
    std::unordered_map<Key, std::uint32_t, KeyHash> ids;
    std::atomic<Entry *> chunks[kChunks] = {};
    std::uint32_t count = 1;

    Table() { chunks[0].store(new Entry[kChunkSize], std::memory_order_release); }

    const Entry &at(std::uint32_t id) const
    {
        return chunks[id >> kChunkBits].load(std::memory_order_acquire)[id & (kChunkSize - 1)];
    }

    std::uint32_t intern(std::string_view text, const Message *message)
    {
        if (text.empty() && (!message || message->empty()))
            return 0;
        std::lock_guard<std::mutex> lock(mutex);
        const auto found = ids.find(Key{text, message});
        if (found != ids.end())
            return found->second;
        const std::uint32_t id = count;
        const std::uint32_t chunk = id >> kChunkBits;
        if (chunk >= kChunks) {
            std::fprintf(stderr, "tcplab: more than %u distinct strings in one process\n",
                         kChunks * kChunkSize);
            std::abort();
        }
        Entry *slots = chunks[chunk].load(std::memory_order_relaxed);
        if (!slots) {
            slots = new Entry[kChunkSize];
            chunks[chunk].store(slots, std::memory_order_release);
        }
        Entry &entry = slots[id & (kChunkSize - 1)];
        entry.text = std::string(text);
        if (message && !message->empty())
            entry.message = *message;
        ids.emplace(Key{entry.text, entry.message.empty() ? nullptr : &entry.message}, id);
        ++count;
        return id;
    }
};

// Never destroyed: atoms in static objects may be read while the program exits.
Table &table()
{
    static Table *const t = new Table;
    return *t;
}

} // namespace

Atom::Atom(std::string_view text) : m_id(table().intern(text, nullptr)) {}

Atom::Atom(std::string_view text, const Message &message) : m_id(table().intern(text, &message))
{
}

const std::string &Atom::str() const { return table().at(m_id).text; }

const Message &Atom::message() const { return table().at(m_id).message; }

std::size_t Atom::count()
{
    Table &t = table();
    std::lock_guard<std::mutex> lock(t.mutex);
    return t.count;
}

} // namespace tcplab
