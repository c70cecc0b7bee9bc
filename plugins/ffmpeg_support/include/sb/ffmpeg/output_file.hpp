// Creating and finishing a muxed output file.
#ifndef SB_FFMPEG_OUTPUT_FILE_HPP
#define SB_FFMPEG_OUTPUT_FILE_HPP

#include <sb/ffmpeg/ffmpeg_ptr.hpp>

#include <sb/converter.hpp>

#include <string>

namespace sb::ffmpeg {

// A muxer `format_name` ("ipod", "mp3", "wav", ...) writing `path` — the
// host's temporary output — opened for writing, with the job's interrupt
// callback on the context and on its AVIOContext. Throws sb::sdk::Error
// ("cannot create the output file: ...") or sb::sdk::Cancelled.
// The context keeps a pointer to `job`: `job` must outlive it.
OutputContextPtr open_output(const std::string &path, const char *format_name, const sb::sdk::Job &job);

// Writes the trailer and closes the file, reporting either failure (a full
// disk often shows only here). The context is freed afterwards.
void finish_output(OutputContextPtr &ctx, const sb::sdk::Job &job);

} // namespace sb::ffmpeg

#endif // SB_FFMPEG_OUTPUT_FILE_HPP
