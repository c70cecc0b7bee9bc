// Base fixture for the end-to-end tests: a private folder that is sb's working
// folder, helpers to make inputs in it, and `sb(...)` to run the real binary.
#ifndef SB_E2E_E2E_TEST_HPP
#define SB_E2E_E2E_TEST_HPP

#include "file_checks.hpp"
#include "media_checks.hpp"
#include "sb_harness.hpp"
#include "subprocess.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sb::e2e {

class E2eTest : public ::testing::Test {
protected:
    const std::filesystem::path &dir() const { return tmp_.path(); }
    std::filesystem::path at(const std::string &relative) const { return dir() / relative; }

    // A small generated clip (320x240, 30 fps, H.264 + AAC) at dir()/relative.
    std::filesystem::path clip(const std::string &relative, double seconds = 1.0) {
        const auto p = at(relative);
        make_input(p, seconds);
        return p;
    }
    std::filesystem::path input(const std::string &relative, const test::MediaSpec &spec) {
        const auto p = at(relative);
        make_input(p, spec);
        return p;
    }

    // sb with args, run in dir().
    Completed sb(std::vector<std::string> args) { return run_sb(std::move(args), dir()); }
    Command sb_cmd(std::vector<std::string> args) const { return sb_command(std::move(args), dir()); }

    // Root reads files whatever their permissions: permission tests skip then,
    // or run sb through sb_where_permissions_apply().
    static bool running_as_root() { return ::geteuid() == 0; }

    // sb with args, run in dir() by a user that file permissions bind: as
    // root, sb runs as `nobody` (setpriv), and dir() is opened up so nobody can
    // read the inputs and write the outputs; otherwise as the current user.
    Completed sb_where_permissions_apply(std::vector<std::string> args) {
        if (!running_as_root()) return sb(std::move(args));
        std::filesystem::permissions(dir(), std::filesystem::perms::all);
        Command c = sb_cmd(std::move(args));
        c.argv.insert(c.argv.begin(), {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"});
        return run(c);
    }

private:
    test::TempDir tmp_;
};

} // namespace sb::e2e

#endif // SB_E2E_E2E_TEST_HPP
