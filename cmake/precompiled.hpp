// Headers that most of Boussole's files include, parsed once per library
// rather than once per file (see boussole_module in modules.cmake). A file
// still includes what it uses: this list only saves build time.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
