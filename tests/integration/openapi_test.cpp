// The OpenAPI document and the router agree both ways: every /api/v1/ route
// of the application is described with its method and the same path
// parameter names, and every described operation is a registered route. A
// route added on either side alone fails here.

#include "core/csv.hpp"
#include "integration/app_fixture.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

namespace boussole::test_support {

namespace {

constexpr std::string_view kApiPrefix = "/api/v1/";

const std::set<std::string> kOperationMethods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "/api/v1/actors/{id}" -> "/api/v1/actors/{}": the shape, to tell a renamed
// parameter from a missing path.
std::string shape_of(const std::string& path)
{
    return std::regex_replace(path, std::regex("\\{[^}]*\\}"), "{}");
}

std::vector<std::string> path_parameters(const std::string& path)
{
    std::vector<std::string> names;
    std::regex parameter("\\{([^}*]+)\\}");
    for (std::sregex_iterator it(path.begin(), path.end(), parameter), end; it != end; ++it)
        names.push_back((*it)[1]);
    return names;
}

// Follows a local "$ref" ("#/components/…"); null when it leads nowhere.
const nlohmann::json* resolve(const nlohmann::json& document, const nlohmann::json& node)
{
    if (!node.is_object() || !node.contains("$ref"))
        return &node;
    auto reference = node.at("$ref").get<std::string>();
    if (reference.rfind("#/", 0) != 0)
        return nullptr;
    try {
        return &document.at(nlohmann::json::json_pointer(reference.substr(1)));
    } catch (const nlohmann::json::exception&) {
        return nullptr;
    }
}

// Every "$ref" anywhere in the document.
void collect_references(const nlohmann::json& node, std::vector<std::string>& references)
{
    if (node.is_object()) {
        for (const auto& [name, value] : node.items()) {
            if (name == "$ref" && value.is_string())
                references.push_back(value.get<std::string>());
            else
                collect_references(value, references);
        }
    } else if (node.is_array()) {
        for (const auto& value : node)
            collect_references(value, references);
    }
}

}  // namespace

class OpenApiTest : public AppTest {
protected:
    nlohmann::json document()
    {
        auto text = core::read_file(std::string(BOUSSOLE_SOURCE_DIR) + "/web/api/openapi.json");
        EXPECT_TRUE(text.ok());
        auto parsed = nlohmann::json::parse(text.ok() ? *text : std::string("{}"), nullptr, false);
        EXPECT_FALSE(parsed.is_discarded()) << "web/api/openapi.json is not JSON";
        return parsed.is_discarded() ? nlohmann::json::object() : parsed;
    }

    // "get /api/v1/actors/{id}" for every API route of the application.
    std::set<std::string> registered_operations()
    {
        std::set<std::string> operations;
        for (const auto& route : application().routes())
            if (route.pattern.rfind(kApiPrefix, 0) == 0)
                operations.insert(lower(http::to_string(route.method)) + " " + route.pattern);
        return operations;
    }

    std::set<std::string> described_operations(const nlohmann::json& openapi)
    {
        std::set<std::string> operations;
        for (const auto& [path, item] : openapi.at("paths").items())
            for (const auto& [method, operation] : item.items())
                if (kOperationMethods.count(method))
                    operations.insert(method + " " + path);
        return operations;
    }
};

TEST_P(OpenApiTest, EveryRegisteredApiRouteIsDescribed)
{
    auto openapi = document();
    auto described = described_operations(openapi);
    std::map<std::string, std::string> described_by_shape;
    for (const auto& operation : described)
        described_by_shape[shape_of(operation)] = operation;
    auto registered = registered_operations();
    EXPECT_GT(registered.size(), 20u);
    for (const auto& operation : registered) {
        if (described.count(operation))
            continue;
        auto same_shape = described_by_shape.find(shape_of(operation));
        if (same_shape != described_by_shape.end())
            ADD_FAILURE() << "route " << operation
                          << " is described with other parameter names: " << same_shape->second;
        else
            ADD_FAILURE() << "route " << operation << " is missing from web/api/openapi.json";
    }
}

TEST_P(OpenApiTest, EveryDescribedOperationIsARegisteredRoute)
{
    auto registered = registered_operations();
    for (const auto& operation : described_operations(document()))
        EXPECT_TRUE(registered.count(operation)) << operation << " is described but no route serves it";
}

TEST_P(OpenApiTest, EveryOperationDeclaresItsPathParametersAndAnswers)
{
    auto openapi = document();
    EXPECT_EQ(openapi.value("openapi", ""), "3.1.0");
    std::set<std::string> operation_ids;
    for (const auto& [path, item] : openapi.at("paths").items()) {
        EXPECT_EQ(path.rfind(kApiPrefix, 0), 0u) << path;
        for (const auto& [method, operation] : item.items()) {
            if (!kOperationMethods.count(method))
                continue;
            auto where = method + " " + path;
            EXPECT_FALSE(operation.value("summary", "").empty()) << where << " has no summary";
            auto id = operation.value("operationId", "");
            EXPECT_FALSE(id.empty()) << where << " has no operationId";
            EXPECT_TRUE(operation_ids.insert(id).second) << "operationId " << id << " is used twice";

            std::set<std::string> declared;
            for (const auto* parameters : {&item, &operation}) {
                if (!parameters->contains("parameters"))
                    continue;
                for (const auto& reference : parameters->at("parameters")) {
                    const auto* parameter = resolve(openapi, reference);
                    ASSERT_NE(parameter, nullptr) << where << ": " << reference.dump();
                    if (parameter->value("in", "") == "path") {
                        EXPECT_TRUE(parameter->value("required", false)) << where << ": path parameters are required";
                        declared.insert(parameter->value("name", ""));
                    }
                }
            }
            auto in_path = path_parameters(path);
            EXPECT_EQ(declared, std::set<std::string>(in_path.begin(), in_path.end()))
                << where << ": the path parameters declared differ from those of the path";

            ASSERT_TRUE(operation.contains("responses")) << where;
            bool success = false;
            for (const auto& [status, response] : operation.at("responses").items()) {
                EXPECT_TRUE(std::regex_match(status, std::regex("[1-5][0-9][0-9]"))) << where << ": " << status;
                success = success || status[0] == '2' || status == "304";
                const auto* resolved = resolve(openapi, response);
                ASSERT_NE(resolved, nullptr) << where << " " << status;
                EXPECT_FALSE(resolved->value("description", "").empty()) << where << " " << status;
                if (status[0] == '4' && resolved->contains("content")) {
                    EXPECT_TRUE(resolved->at("content").contains("application/problem+json")) << where << " " << status;
                }
            }
            EXPECT_TRUE(success) << where << " describes no successful answer";
            if (method == "post" || method == "patch") {
                EXPECT_TRUE(operation.contains("requestBody")) << where << " describes no request body";
                EXPECT_TRUE(operation.at("responses").contains("422")) << where;
            }
        }
    }
}

TEST_P(OpenApiTest, TheComponentsAndSecuritySchemesAreThere)
{
    auto openapi = document();
    const auto& schemas = openapi.at("components").at("schemas");
    for (const char* name :
         {"Territory", "Population", "Actor", "FrameworkItem", "User", "ApiToken", "Problem", "Page"})
        EXPECT_TRUE(schemas.contains(name)) << "components.schemas." << name;
    const auto& security = openapi.at("components").at("securitySchemes");
    EXPECT_EQ(security.at("session").at("type"), "apiKey");
    EXPECT_EQ(security.at("session").at("in"), "cookie");
    EXPECT_EQ(security.at("session").at("name"), "boussole_session");
    EXPECT_EQ(security.at("csrf").at("in"), "header");
    EXPECT_EQ(security.at("csrf").at("name"), "X-CSRF-Token");
    EXPECT_EQ(security.at("bearer").at("scheme"), "bearer");

    std::vector<std::string> references;
    collect_references(openapi, references);
    EXPECT_FALSE(references.empty());
    for (const auto& reference : references)
        EXPECT_NE(resolve(openapi, {{"$ref", reference}}), nullptr) << reference << " leads nowhere";
}

TEST_P(OpenApiTest, TheServedDocumentIsTheOneInTheRepository)
{
    auto response = get("/api/v1/openapi.json");
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(json_of(response), document()) << "build/share is stale: rebuild the share target";
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(OpenApiTest);

}  // namespace boussole::test_support
