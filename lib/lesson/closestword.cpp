#include "closestword.h"

#include <algorithm>

namespace lesson {

namespace {

// Optimal string alignment distance.
std::size_t distance(const std::string &a, const std::string &b)
{
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

} // namespace

std::string closestWord(const std::string &word, const std::vector<std::string> &candidates)
{
    std::string best;
    std::size_t bestDistance = std::min<std::size_t>(3, word.size());
    for (const std::string &c : candidates) {
        const std::size_t dist = distance(word, c);
        if (dist < bestDistance) {
            best = c;
            bestDistance = dist;
        }
    }
    return best;
}

} // namespace lesson
