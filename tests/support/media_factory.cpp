#include "media_factory.hpp"

#include "temp_dir.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace sb::test {
namespace {

std::string number(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

// Runs argv[0] from PATH with stderr captured into `log`; returns the exit status.
int run(const std::vector<std::string> &args, const std::filesystem::path &log) {
    std::vector<char *> argv;
    for (const auto &a : args) argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot run " + args[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) throw std::runtime_error("waitpid failed");
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

void make_media(const std::filesystem::path &out, const MediaSpec &spec) {
    std::vector<std::string> args = {"ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"};
    const std::string duration = number(spec.duration);
    const bool video = !spec.video_codec.empty(), audio = !spec.audio_codec.empty();
    if (video) {
        // testsrc2 rounds sizes to even numbers; crop to get odd ones.
        const int w = spec.width + spec.width % 2, h = spec.height + spec.height % 2;
        std::string source = "testsrc2=size=" + std::to_string(w) + "x" + std::to_string(h) + ":rate=" + spec.rate +
                             ":duration=" + duration;
        if (w != spec.width || h != spec.height)
            source += ",format=rgb24,crop=" + std::to_string(spec.width) + ":" + std::to_string(spec.height) + ":0:0";
        args.insert(args.end(), {"-f", "lavfi", "-i", source});
    }
    if (audio) {
        args.insert(args.end(), {"-f", "lavfi", "-i",
                                 "sine=frequency=440:sample_rate=" + std::to_string(spec.sample_rate) +
                                     ":duration=" + duration});
    }
    if (video) {
        args.insert(args.end(), {"-map", "0:v", "-c:v", spec.video_codec});
        if (!spec.pix_fmt.empty()) args.insert(args.end(), {"-pix_fmt", spec.pix_fmt});
        if (spec.video_codec == "libx264" || spec.video_codec == "libx265")
            args.insert(args.end(), {"-preset", "ultrafast"});
        if (spec.video_codec == "libx265") args.insert(args.end(), {"-x265-params", "log-level=error"});
    }
    if (audio) {
        args.insert(args.end(), {"-map", video ? "1:a" : "0:a", "-c:a", spec.audio_codec, "-ac",
                                 std::to_string(spec.channels), "-ar", std::to_string(spec.sample_rate)});
    }
    args.insert(args.end(), spec.extra_args.begin(), spec.extra_args.end());
    if (!spec.format.empty()) args.insert(args.end(), {"-f", spec.format});
    args.push_back(out.string());

    TempDir scratch;
    const auto log = scratch.path() / "ffmpeg.log";
    const int status = run(args, log);
    if (status != 0) {
        std::ifstream in(log);
        std::stringstream text;
        text << in.rdbuf();
        std::string command;
        for (const auto &a : args) command += a + ' ';
        throw std::runtime_error("ffmpeg failed (" + std::to_string(status) + "): " + command + "\n" + text.str());
    }
}

} // namespace sb::test
