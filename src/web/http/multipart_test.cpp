#include "web/http/multipart.hpp"

#include <gtest/gtest.h>

namespace boussole::http {

namespace {

const char* kType = "multipart/form-data; boundary=----WebKitFormBoundaryq1w2e3";

std::string form_body()
{
    return "------WebKitFormBoundaryq1w2e3\r\n"
           "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
           "jeton\r\n"
           "------WebKitFormBoundaryq1w2e3\r\n"
           "Content-Disposition: form-data; name=\"fichier\"; filename=\"donn\xC3\xA9"
           "es \\\"2025\\\".csv\"\r\n"
           "Content-Type: text/csv\r\n\r\n"
           "donnee;valeur\r\n"
           "a;1\r\n"
           "\r\n"
           "------WebKitFormBoundaryq1w2e3\r\n"
           "Content-Disposition: form-data; name=\"mode\"\r\n\r\n"
           "valid_lines\r\n"
           "------WebKitFormBoundaryq1w2e3--\r\n";
}

}  // namespace

TEST(Multipart, ReadsFieldsAndAFileAsABrowserSendsThem)
{
    std::string body = form_body();
    auto parts = parse_multipart(kType, body);
    ASSERT_TRUE(parts.ok()) << parts.error().message;
    ASSERT_EQ(parts->size(), 3u);
    EXPECT_EQ(find_part(*parts, "csrf")->content, "jeton");
    EXPECT_FALSE(find_part(*parts, "csrf")->file_name.has_value());
    const auto* file = find_part(*parts, "fichier");
    ASSERT_NE(file, nullptr);
    EXPECT_EQ(file->file_name, "données \"2025\".csv");
    EXPECT_EQ(file->content_type, "text/csv");
    EXPECT_EQ(file->content, "donnee;valeur\r\na;1\r\n") << "the CRLF before the delimiter is not content";
    EXPECT_EQ(find_part(*parts, "mode")->content, "valid_lines");
    EXPECT_EQ(find_part(*parts, "absent"), nullptr);
    // The content is a view into the body, not a copy.
    EXPECT_GE(file->content.data(), body.data());
    EXPECT_LT(file->content.data(), body.data() + body.size());
}

TEST(Multipart, AcceptsAQuotedBoundaryAPreambleAndAnEmptyFile)
{
    std::string body =
        "preamble to ignore\r\n--abc\r\n"
        "Content-Disposition: form-data; name=\"fichier\"; filename=\"\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n"
        "\r\n--abc--";
    auto parts = parse_multipart("Multipart/Form-Data; boundary=\"abc\"", body);
    ASSERT_TRUE(parts.ok()) << parts.error().message;
    ASSERT_EQ(parts->size(), 1u);
    EXPECT_EQ((*parts)[0].file_name, "");
    EXPECT_TRUE((*parts)[0].content.empty());
}

TEST(Multipart, RefusesMalformedBodies)
{
    EXPECT_EQ(parse_multipart("text/csv", "x").error().code, core::ErrorCode::UnsupportedMediaType);
    EXPECT_FALSE(parse_multipart("multipart/form-data", form_body()).ok()) << "no boundary";
    EXPECT_FALSE(parse_multipart("multipart/form-data; boundary=autre", form_body()).ok());
    std::string unterminated = form_body();
    unterminated.resize(unterminated.size() - 40);
    EXPECT_FALSE(parse_multipart(kType, unterminated).ok());
    EXPECT_FALSE(parse_multipart("multipart/form-data; boundary=b", "--b\r\nX-Autre: 1\r\n\r\nx\r\n--b--").ok())
        << "a part without Content-Disposition";
    EXPECT_FALSE(
        parse_multipart("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--")
            .ok())
        << "a part without a name";
    std::string many;
    for (int i = 0; i < 20; ++i)
        many += "--b\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) + "\"\r\n\r\nx\r\n";
    many += "--b--";
    auto refused = parse_multipart("multipart/form-data; boundary=b", many);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("trop de champs"), std::string::npos);
}

}  // namespace boussole::http
