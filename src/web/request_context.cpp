#include "web/request_context.hpp"

namespace boussole::web {

const RequestContext& request_context(const http::Request& request)
{
    static const RequestContext kAnonymous;
    const auto* context = std::any_cast<RequestContext>(&request.context);
    return context ? *context : kAnonymous;
}

}  // namespace boussole::web
