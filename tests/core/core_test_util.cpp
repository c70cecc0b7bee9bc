#include "core_test_util.hpp"

#include <sb/core/temp_output.hpp>

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace sb::test {

namespace fs = std::filesystem;

void write_file(const fs::path &path, const std::string &content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const fs::path &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> temp_outputs_below(const fs::path &folder) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (core::is_temp_output_name(it->path().filename().string())) found.push_back(it->path());
    return found;
}

bool wait_until(const std::function<bool()> &condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

fs::path fixture_dir(const std::string &name) { return fs::path(SB_FIXTURE_PLUGIN_DIR) / name; }

fs::path fixture_library(const std::string &name) {
    for (const auto &entry : fs::directory_iterator(fixture_dir(name)))
        if (entry.path().extension() == ".so") return entry.path();
    throw std::runtime_error("no fixture plugin in " + fixture_dir(name).string());
}

FixturePlugin::FixturePlugin(const std::string &name) {
    registry_.load_folders({fixture_dir(name)});
    if (registry_.converters().size() != 1) {
        std::string reasons;
        for (const auto &r : registry_.rejected()) reasons += "\n  " + r.library.string() + ": " + r.reason;
        throw std::runtime_error("fixture plugin '" + name + "' did not load" + reasons);
    }
    converter_ = &registry_.converters().front();
}

CapturedFile::CapturedFile() : file_(std::tmpfile()) {
    if (!file_) throw std::runtime_error("tmpfile() failed");
}

CapturedFile::~CapturedFile() { std::fclose(file_); }

std::string CapturedFile::text() const {
    std::fflush(file_);
    std::rewind(file_);
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file_)) > 0;) out.append(buffer, n);
    std::fseek(file_, 0, SEEK_END);
    return out;
}

std::vector<std::string> lines_of(const std::string &text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

} // namespace sb::test
