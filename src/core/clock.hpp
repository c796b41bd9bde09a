#pragma once
// Instants are UTC milliseconds. They are stored as ISO 8601 text
// ("2026-11-23T10:52:34.123Z"), which sorts the same on both backends, and shown
// to people in Paris time by french.hpp.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace boussole::core {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

Timestamp now();

// "2026-11-23T10:52:34.123Z"
std::string to_iso8601(Timestamp instant);

// Accepts what to_iso8601 writes, with or without milliseconds.
std::optional<Timestamp> parse_iso8601(std::string_view text);

// Legal time in metropolitan France (CET/CEST, EU summer-time rule) for an
// instant.
std::chrono::local_time<std::chrono::milliseconds> to_paris_time(Timestamp instant);

}  // namespace boussole::core
