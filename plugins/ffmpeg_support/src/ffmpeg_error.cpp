#include <sb/ffmpeg/ffmpeg_error.hpp>

extern "C" {
#include <libavutil/error.h>
}

namespace sb::ffmpeg {

std::string av_error_text(int errnum) {
    char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(errnum, buffer, sizeof buffer) < 0) return "FFmpeg error " + std::to_string(errnum);
    return buffer;
}

int check(int rc, std::string_view what) {
    if (rc >= 0) return rc;
    std::string message(what);
    message += ": ";
    message += av_error_text(rc);
    throw sb::sdk::Error(message);
}

void throw_if_interrupted(int rc, const sb::sdk::Job &job) {
    if (rc == AVERROR_EXIT || job.cancelled()) throw sb::sdk::Cancelled{};
}

int check(int rc, std::string_view what, const sb::sdk::Job &job) {
    if (rc >= 0) return rc;
    throw_if_interrupted(rc, job);
    return check(rc, what);
}

} // namespace sb::ffmpeg
