// A fresh directory under $TMPDIR, removed with its contents at the end.
#ifndef RUNY_TESTS_TESTING_TEMP_DIR_H_
#define RUNY_TESTS_TESTING_TEMP_DIR_H_

#include <string>

namespace runy::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Join(const std::string& name) const { return path_ + "/" + name; }
  // Writes `content` to path()/name (creating parent directories).
  std::string WriteFile(const std::string& name,
                        const std::string& content) const;

 private:
  std::string path_;
};

// The whole content of a file ("" if unreadable).
std::string ReadFile(const std::string& path);

}  // namespace runy::testing

#endif  // RUNY_TESTS_TESTING_TEMP_DIR_H_
