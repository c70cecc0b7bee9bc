#include <sb/ffmpeg/output_file.hpp>

#include <sb/ffmpeg/ffmpeg_error.hpp>
#include <sb/ffmpeg/interrupt.hpp>

namespace sb::ffmpeg {

OutputContextPtr open_output(const std::string &path, const char *format_name, const sb::sdk::Job &job) {
    // The url stays in the context: some muxers (mp4 faststart) re-open the
    // file by it to rewrite it.
    const std::string url = "file:" + path;
    AVFormatContext *raw = nullptr;
    check(avformat_alloc_output_context2(&raw, nullptr, format_name, url.c_str()),
          std::string("cannot set up the ") + format_name + " muxer");
    OutputContextPtr ctx(raw);
    ctx->interrupt_callback = interrupt_callback_for(job);
    if ((ctx->oformat->flags & AVFMT_NOFILE) == 0)
        check(avio_open2(&ctx->pb, url.c_str(), AVIO_FLAG_WRITE, &ctx->interrupt_callback, nullptr),
              "cannot create the output file", job);
    return ctx;
}

void finish_output(OutputContextPtr &ctx, const sb::sdk::Job &job) {
    check(av_write_trailer(ctx.get()), "cannot finish the output file", job);
    if ((ctx->oformat->flags & AVFMT_NOFILE) == 0)
        check(avio_closep(&ctx->pb), "cannot close the output file", job);
    ctx.reset();
}

} // namespace sb::ffmpeg
