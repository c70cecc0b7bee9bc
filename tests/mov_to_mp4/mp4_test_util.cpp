#include "mp4_test_util.hpp"

extern "C" {
#include <libavformat/avformat.h>
}

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include <sys/wait.h>

namespace sb::test {

void Mp4Test::SetUp() {
    mp4_ = mp4_converter();
    ASSERT_NE(mp4_, nullptr);
    host_.set_defaults(*mp4_);
}

std::filesystem::path Mp4Test::make(const std::string &name, const MediaSpec &spec) {
    const auto path = file(name);
    try {
        make_media(path, spec);
    } catch (const std::exception &e) {
        ADD_FAILURE() << "cannot make " << name << ": " << e.what();
    }
    return path;
}

sb_status Mp4Test::convert(const std::filesystem::path &in, const std::filesystem::path &out) {
    const sb_status status = host_.convert(*mp4_, in, out);
    if (!host_.error().empty()) std::cout << "[   sb    ] error: " << host_.error() << "\n";
    for (const auto &w : host_.warnings()) std::cout << "[   sb    ] warning: " << w << "\n";
    return status;
}

int run_shell(const std::string &command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::string quoted(const std::filesystem::path &path) {
    std::string out = "'";
    for (char c : path.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

void remux_with_rotation(const std::filesystem::path &in, const std::filesystem::path &out, int degrees) {
    const std::string cmd = "ffmpeg -nostdin -hide_banner -loglevel error -y -i " + quoted(in) +
                            " -map 0 -c copy -metadata:s:v:0 rotate=" + std::to_string(degrees) + " " + quoted(out);
    ASSERT_EQ(run_shell(cmd), 0) << cmd;
}

void copy_prefix(const std::filesystem::path &in, const std::filesystem::path &out, std::uintmax_t bytes) {
    std::ifstream src(in, std::ios::binary);
    std::vector<char> data(static_cast<std::size_t>(bytes));
    src.read(data.data(), static_cast<std::streamsize>(bytes));
    std::ofstream dst(out, std::ios::binary);
    dst.write(data.data(), src.gcount());
}

int ffmpeg(const std::string &args) {
    return run_shell("ffmpeg -nostdin -hide_banner -loglevel error -y " + args);
}

bool has_log(const FakeHost &host, const std::string &needle) {
    for (const auto &line : host.logs())
        if (line.find(needle) != std::string::npos) return true;
    return false;
}

std::vector<std::string> info_lines(const FakeHost &host) {
    std::vector<std::string> lines;
    for (const auto &line : host.logs())
        if (line.rfind("info: ", 0) == 0) lines.push_back(line.substr(6));
    return lines;
}

int real_video_count(const MediaInfo &info) {
    int n = 0;
    for (const auto &s : info.streams) n += s.type == "video" && (s.disposition & AV_DISPOSITION_ATTACHED_PIC) == 0 ? 1 : 0;
    return n;
}

bool is_one_line(const std::string &text) { return !text.empty() && text.find('\n') == std::string::npos; }

std::string describe(const MediaInfo &info) {
    std::ostringstream out;
    if (!info.ok) return "unreadable: " + info.error;
    out << info.format_name << " " << info.duration << " s;";
    for (std::size_t i = 0; i < info.streams.size(); ++i) {
        const StreamInfo &s = info.streams[i];
        out << " #" << i << " " << s.type << " " << s.codec_name;
        if (!s.codec_tag.empty()) out << "/" << s.codec_tag;
        if (s.type == "video") out << " " << s.width << "x" << s.height << " " << s.pix_fmt << " " << s.profile;
        if (s.type == "audio") out << " " << s.sample_rate << "Hz " << s.channels << "ch";
        out << " " << s.frames << "pk " << s.duration << "s";
        if (s.rotation != 0) out << " rot=" << s.rotation;
        if (s.disposition & AV_DISPOSITION_ATTACHED_PIC) out << " cover";
        if (s.start_time != 0) out << " start=" << s.start_time;
        out << ";";
    }
    return out.str();
}

} // namespace sb::test
