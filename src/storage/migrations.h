#pragma once
#include <vector>

namespace pavilion {

struct Migration {
    int version;
    const char* sql;
};

// Append only: a released migration is never edited, a new one is added at the end.
const std::vector<Migration>& migrations();
int latestSchemaVersion();

}  // namespace pavilion
