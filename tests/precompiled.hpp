// Headers that nearly every test file includes, parsed once for the whole
// test program (see tests/CMakeLists.txt). A test still includes what it
// uses: this list only saves build time.
#pragma once

#include "../cmake/precompiled.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
