// A minimal HTTP GET for end-to-end tests (no client library needed).
#ifndef RUNY_TESTS_TESTING_HTTP_GET_H_
#define RUNY_TESTS_TESTING_HTTP_GET_H_

#include <string>

namespace runy::testing {

// GET http://127.0.0.1:port/path; returns the status code (0 when the
// connection failed) and fills `body` with the response body.
int HttpGet(int port, const std::string& path, std::string* body = nullptr);

}  // namespace runy::testing

#endif  // RUNY_TESTS_TESTING_HTTP_GET_H_
