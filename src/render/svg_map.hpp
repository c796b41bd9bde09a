#pragma once
// The departmental choropleth map: one indicator, one colour per department.
// Inputs are plain data (codes, names, values already chosen by the caller), the
// output one accessible <svg> (see render/svg.hpp for what that means here).

#include "render/map_geometry.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::render {

// One department's value. Departments of the geometry without a MapArea are
// drawn as "no value" and named by their code.
struct MapArea {
    std::string code;  // "33", "2A", "974"
    std::string name;  // "Gironde"
    std::optional<double> value;
    std::string value_text;  // already formatted ("12,3 %"); empty: the value in French with the unit
    std::string href;        // optional link (relative or http(s)); other schemes are ignored
};

struct MapOptions {
    std::string title;
    std::string description;
    std::string unit;  // "%", "jours", "pour 1 000 habitants"
    int decimals = 1;
    // Colours always darken as values grow; this only says, in the legend,
    // which end is favourable, so the map reads the same for every indicator.
    bool higher_is_better = true;
    std::string highlighted_code;     // outlined thick and named in the legend
    std::string id_prefix = "carte";  // ids must be unique in the page
};

// One colour class of the map: values from lower (included) to upper (excluded,
// except for the last class, which includes it). A class of one distinct value
// has lower == upper.
struct ValueClass {
    double lower = 0;
    double upper = 0;
    bool upper_included = false;
    std::string colour;
    int count = 0;  // departments in the class
};

// The classes of a set of values: quantiles when there are more distinct values
// than max_classes, one class per distinct value otherwise, and fewer classes
// when ties make quantile bounds coincide. Colours run from light #e3e3fd to
// blue-france #000091, spread over the scale when there are fewer than five
// classes. Non-finite values are ignored; no values, no classes.
std::vector<ValueClass> quantile_classes(const std::vector<double>& values, int max_classes = 5);

// Index of the class of `value` in `classes` (the last one for values beyond).
std::size_t class_of(const std::vector<ValueClass>& classes, double value);

// The choropleth: metropolitan France with the overseas departments in named
// boxes beside it, a legend with the class bounds in French numbers, "Pas de
// donnée" (hatched) for departments without value, the highlighted department
// outlined thick. Every department has a <title> "Gironde (33) : 12,3 %" and,
// when it has an href, sits in an <a> so it can be reached by keyboard.
std::string choropleth_map(const MapGeometry& geometry, const std::vector<MapArea>& areas, const MapOptions& options);

}  // namespace boussole::render
