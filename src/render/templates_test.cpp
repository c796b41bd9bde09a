#include "render/templates.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace boussole::render {

TEST(Templates, EscapesByDefault)
{
    auto templates = Templates::from_texts({{"page", "<p>{{name}}</p>{{{trusted}}}"}});
    auto html = templates.render("page", {{"name", "<script>alert('x')</script> & co"}, {"trusted", "<b>ok</b>"}});
    EXPECT_EQ(html, "<p>&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; co</p><b>ok</b>");
}

TEST(Templates, RendersSectionsListsAndPartials)
{
    auto templates = Templates::from_texts({
        {"list", "<ul>{{#items}}{{> item}}{{/items}}</ul>{{^items}}vide{{/items}}{{#flag}}!{{/flag}}"},
        {"item", "<li>{{label}} {{count}}</li>"},
    });
    auto html = templates.render(
        "list", {{"items", {{{"label", "Gironde"}, {"count", 33}}, {{"label", "Ain"}, {"count", 1}}}}, {"flag", true}});
    EXPECT_EQ(html, "<ul><li>Gironde 33</li><li>Ain 1</li></ul>!");
    EXPECT_EQ(templates.render("list", {{"items", nlohmann::json::array()}, {"flag", nullptr}}), "<ul></ul>vide");
}

TEST(Templates, UnknownTemplateIsAProgrammingError)
{
    auto templates = Templates::from_texts({{"a", "x"}});
    EXPECT_THROW(templates.render("b", {}), std::runtime_error);
}

}  // namespace boussole::render
