// Disk full and write errors (issue 4): the job fails with the OS error text,
// its temporary file is removed, the input is untouched, exit 1.
#include "e2e_test.hpp"

#include <sys/mount.h>

#include <cerrno>
#include <cstring>

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

// A 128 KiB tmpfs mounted for one test; unmounted (lazily, so a busy file
// cannot leave it behind) when the test ends.
class SmallTmpfs {
public:
    explicit SmallTmpfs(fs::path where) : where_(std::move(where)) {
        fs::create_directories(where_);
        if (::mount("tmpfs", where_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=128k,mode=0755") == 0) mounted_ = true;
        else error_ = std::strerror(errno);
    }
    ~SmallTmpfs() {
        if (mounted_) ::umount2(where_.c_str(), MNT_DETACH);
    }
    SmallTmpfs(const SmallTmpfs &) = delete;
    SmallTmpfs &operator=(const SmallTmpfs &) = delete;
    bool mounted() const { return mounted_; }
    const std::string &error() const { return error_; }

private:
    fs::path where_;
    bool mounted_ = false;
    std::string error_;
};

class DiskFull : public E2eTest {
protected:
    // 640x360, 3 s: its MP4 is a few hundred KB, more than the small filesystem holds.
    fs::path big_input(const std::string &name) {
        auto spec = small_clip(3.0);
        spec.width = 640;
        spec.height = 360;
        return input(name, spec);
    }
};

TEST_F(DiskFull, FullFilesystemFailsTheJobsWithTheOsErrorAndLeavesNothing) {
    if (!running_as_root()) GTEST_SKIP() << "not root: cannot mount the small tmpfs this test fills";
    const auto a = big_input("a.mov"), b = big_input("b.mov");
    SmallTmpfs small(at("small"));
    if (!small.mounted()) GTEST_SKIP() << "mount -t tmpfs failed (" << small.error() << "): no CAP_SYS_ADMIN here?";
    const auto sums = checksums({a, b});
    const auto r = sb({"mp4", "-p", "ultrafast", "-w", "2", "-o", "small", "a.mov", "b.mov"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const auto failed = result_lines(r.err, "FAILED");
    EXPECT_EQ(failed.size(), 2u) << r.err;
    for (const auto &line : failed) EXPECT_TRUE(contains(line, "No space left on device")) << line;
    EXPECT_EQ(tree(at("small")), std::vector<std::string>{}) << "temporary files are removed";
    EXPECT_EQ(checksums({a, b}), sums);
}

TEST_F(DiskFull, FileSizeLimitFailsTheJobWithTheOsErrorAndLeavesNothing) {
    // ulimit -f with SIGXFSZ ignored: every write past 64 KiB fails with EFBIG.
    const auto a = big_input("a.mov");
    const auto small = clip("small.mov", 0.2);
    const auto sums = checksums({a, small});
    fs::create_directories(at("out"));
    auto c = sb_cmd({"mp4", "-p", "ultrafast", "-w", "1", "-o", "out", "a.mov", "small.mov"});
    c.file_size_limit = 64 * 1024;
    const auto r = run(c);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const auto failed = result_lines(r.err, "FAILED");
    ASSERT_EQ(failed.size(), 1u) << r.err;
    EXPECT_EQ(failed[0].rfind("FAILED     a.mov: ", 0), 0u) << failed[0];
    EXPECT_TRUE(contains(failed[0], "File too large")) << failed[0];
    // The other job, small enough, is not affected.
    EXPECT_TRUE(is_conversion_of(at("out/small.mp4"), small));
    EXPECT_EQ(tree(at("out")), std::vector<std::string>{"small.mp4"});
    EXPECT_EQ(checksums({a, small}), sums);
}

} // namespace
} // namespace sb::e2e
