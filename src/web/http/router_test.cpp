#include "web/http/router.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <stdexcept>

namespace boussole::http {

namespace {

Handler answer(std::string text)
{
    return [text](Request&) { return Response::text(200, text); };
}

Response call(const Router& router, Method method, std::string target, Request* out = nullptr)
{
    Request request;
    request.method = method;
    request.method_name = std::string(to_string(method));
    request.target = std::move(target);
    Response response = router.dispatch(request);
    if (out)
        *out = request;
    return response;
}

}  // namespace

TEST(Router, RoutesByMethodAndPath)
{
    Router router;
    router.get("/api/v1/territories", answer("liste"));
    router.post("/api/v1/territories", answer("création"));
    router.get("/", answer("accueil"));
    EXPECT_EQ(call(router, Method::Get, "/api/v1/territories").body, "liste");
    EXPECT_EQ(call(router, Method::Post, "/api/v1/territories").body, "création");
    EXPECT_EQ(call(router, Method::Get, "/").body, "accueil");
    EXPECT_EQ(call(router, Method::Get, "/api/v1/territories?page=2").body, "liste");
}

TEST(Router, FillsDecodedPathParameters)
{
    Router router;
    router.get("/api/v1/territories/{key}/indicators/{code}", answer("ok"));
    Request request;
    Response response = call(router, Method::Get, "/api/v1/territories/dep%3A2A/indicators/APA%2FGIR", &request);
    EXPECT_EQ(response.body, "ok");
    EXPECT_EQ(request.path_param("key"), "dep:2A");
    EXPECT_EQ(request.path_param("code"), "APA/GIR");  // an encoded slash stays inside its segment
    EXPECT_EQ(request.path_param("absent"), "");
    EXPECT_EQ(request.route_pattern, "/api/v1/territories/{key}/indicators/{code}");
}

TEST(Router, MatchesTheRestOfThePathWithACatchAll)
{
    Router router;
    router.get("/static/{path*}", answer("fichier"));
    Request request;
    EXPECT_EQ(call(router, Method::Get, "/static/dsfr/dist/dsfr.min.css", &request).body, "fichier");
    EXPECT_EQ(request.path_param("path"), "dsfr/dist/dsfr.min.css");
    EXPECT_EQ(call(router, Method::Get, "/static/", &request).body, "fichier");
    EXPECT_EQ(request.path_param("path"), "");
    EXPECT_EQ(call(router, Method::Get, "/static", &request).status, 404);
}

TEST(Router, PrefersTheMostSpecificPattern)
{
    Router router;
    router.get("/files/{path*}", answer("reste"));
    router.get("/territories/{key}", answer("paramètre"));
    router.get("/territories/new", answer("littéral"));
    router.get("/files/special/{name}", answer("nommé"));
    EXPECT_EQ(call(router, Method::Get, "/territories/new").body, "littéral");
    EXPECT_EQ(call(router, Method::Get, "/territories/33").body, "paramètre");
    EXPECT_EQ(call(router, Method::Get, "/files/special/a").body, "nommé");
    EXPECT_EQ(call(router, Method::Get, "/files/special/a/b").body, "reste");
}

TEST(Router, AnswersUnknownPathsWith404Problem)
{
    Router router;
    router.get("/territories/{key}", answer("ok"));
    Response response = call(router, Method::Get, "/inconnu");
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.headers.get("Content-Type"), "application/problem+json");
    EXPECT_EQ(nlohmann::json::parse(response.body)["title"], "Ressource introuvable");
    EXPECT_EQ(call(router, Method::Get, "/territories/").status, 404);  // a parameter is never empty
    EXPECT_EQ(call(router, Method::Get, "/territories/33/extra").status, 404);
}

TEST(Router, AnswersOtherMethodsOfAKnownPathWith405AndAllow)
{
    Router router;
    router.get("/conventions/{id}", answer("lire"));
    router.put("/conventions/{id}", answer("modifier"));
    Response response = call(router, Method::Delete, "/conventions/4");
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.headers.get("Allow"), "GET, HEAD, PUT");
    Request request;
    request.method = Method::Other;
    request.method_name = "PROPFIND";
    request.target = "/conventions/4";
    EXPECT_EQ(router.dispatch(request).status, 405);
}

TEST(Router, ServesHeadWithTheGetHandler)
{
    Router router;
    router.get("/health", answer("en forme"));
    RouteMatch match = router.match(Method::Head, "/health");
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(match.route->method, Method::Get);
    EXPECT_EQ(call(router, Method::Head, "/health").body, "en forme");  // the server drops the body

    router.add(Method::Head, "/health", answer("tête"));
    EXPECT_EQ(call(router, Method::Head, "/health").body, "tête");
}

TEST(Router, UsesRouteBodyLimits)
{
    Router router;
    router.post("/imports", answer("ok"), {.body_limit = 20 * 1024 * 1024});
    router.post("/notes", answer("ok"));
    EXPECT_EQ(router.match(Method::Post, "/imports").route->options.body_limit, 20U * 1024 * 1024);
    EXPECT_FALSE(router.match(Method::Post, "/notes").route->options.body_limit.has_value());
}

TEST(Router, RefusesMalformedOrDuplicatePatterns)
{
    Router router;
    EXPECT_THROW(router.get("sans-barre", answer("x")), std::invalid_argument);
    EXPECT_THROW(router.get("/a/{rest*}/b", answer("x")), std::invalid_argument);
    EXPECT_THROW(router.get("/a/{}", answer("x")), std::invalid_argument);
    EXPECT_THROW(router.get("/a/x{id}", answer("x")), std::invalid_argument);
    router.get("/a/{id}", answer("x"));
    EXPECT_THROW(router.get("/a/{id}", answer("y")), std::invalid_argument);
    EXPECT_THROW(router.add(Method::Other, "/b", answer("x")), std::invalid_argument);
}

TEST(Router, RunsMiddlewareOutermostFirst)
{
    Router router;
    std::string trace;
    router.use([&trace](Request& request, const Handler& next) {
        trace += "1";
        Response response = next(request);
        trace += "4";
        return response;
    });
    router.use([&trace](Request& request, const Handler& next) {
        trace += "2";
        if (request.header("Authorization") == std::nullopt)
            return Response::problem(401, "Authentification requise", "Connectez-vous.");
        return next(request);
    });
    router.get("/private", [&trace](Request&) {
        trace += "3";
        return Response::text(200, "secret");
    });

    EXPECT_EQ(call(router, Method::Get, "/private").status, 401);
    EXPECT_EQ(trace, "124");
    trace.clear();
    Request request;
    request.target = "/private";
    request.headers.add("Authorization", "Bearer x");
    EXPECT_EQ(router.dispatch(request).body, "secret");
    EXPECT_EQ(trace, "1234");
}

TEST(Router, LetsTheApplicationAnswerUnknownPaths)
{
    Router router;
    router.set_not_found([](Request&) { return Response::html(404, "<h1>Page introuvable</h1>"); });
    Response response = call(router, Method::Get, "/nulle-part");
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.body, "<h1>Page introuvable</h1>");
}

TEST(Router, ListsRegisteredRoutes)
{
    Router router;
    router.get("/api/v1/territories", answer("x"));
    router.del("/api/v1/territories/{key}", answer("x"));
    auto routes = router.routes();
    ASSERT_EQ(routes.size(), 2U);
    EXPECT_EQ(routes[0].method, Method::Get);
    EXPECT_EQ(routes[0].pattern, "/api/v1/territories");
    EXPECT_EQ(routes[1].method, Method::Delete);
    EXPECT_EQ(routes[1].pattern, "/api/v1/territories/{key}");
}

}  // namespace boussole::http
