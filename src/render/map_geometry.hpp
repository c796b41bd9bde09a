#pragma once
// The outlines of the 101 departments, drawn by choropleth_map(). They come
// from @gouvfr/dsfr-chart: the build extracts them from node_modules
// (scripts/extract-map-geometry.mjs) into <share dir>/data/map/departements.json,
// so the package's code is never copied into the repository. Load the file once
// at start; a MapGeometry is immutable afterwards and can be read by any thread.

#include "core/result.hpp"

#include <map>
#include <string>
#include <vector>

namespace boussole::render {

// Where the build writes the geometry, relative to the share directory.
inline constexpr const char* kMapGeometryFile = "data/map/departements.json";

// A viewBox attribute, parsed: the coordinate system of one map.
struct ViewBox {
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
};

// One department of the metropolitan map, in its coordinate system.
struct DepartmentOutline {
    std::string code;  // "01", "2A", "95"
    std::string path;  // SVG path data ("M930 907v3...")
};

// An overseas department, drawn in its own box beside metropolitan France.
struct OverseasOutline {
    std::string code;  // "971" ... "976"
    ViewBox view_box;
    std::string path;
};

struct MapGeometry {
    std::string source;  // "@gouvfr/dsfr-chart 2.0.4"
    ViewBox metropole_view_box;
    std::vector<DepartmentOutline> metropole;    // 96 departments, ordered by code
    std::vector<OverseasOutline> overseas;       // 971, 972, 973, 974, 976
    std::map<std::string, std::string> regions;  // INSEE region code -> path, same coordinates as metropole

    // Number of departments drawn (101 with the package's file).
    std::size_t department_count() const { return metropole.size() + overseas.size(); }
};

// "<share_dir>/data/map/departements.json"
std::string map_geometry_path(const std::string& share_dir);

// Reads and checks the file written by the build. Fails with NotFound when the
// file is missing and Invalid when it is not the expected JSON, with a French
// message that says how to produce it.
core::Result<MapGeometry> load_map_geometry(const std::string& path);

// The same, from the text of the file (for tests and embedded copies).
core::Result<MapGeometry> parse_map_geometry(const std::string& text);

}  // namespace boussole::render
