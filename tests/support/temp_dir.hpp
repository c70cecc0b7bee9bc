// A private temporary folder for one test, removed with everything in it.
#ifndef SB_TEST_TEMP_DIR_HPP
#define SB_TEST_TEMP_DIR_HPP

#include <filesystem>

namespace sb::test {

class TempDir {
public:
    // mkdtemp under $TMPDIR (or /tmp). Throws std::runtime_error on failure.
    TempDir();
    // Removes the folder recursively; errors are ignored.
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;

    const std::filesystem::path &path() const;

private:
    std::filesystem::path path_;
};

} // namespace sb::test

#endif // SB_TEST_TEMP_DIR_HPP
