// ../shared/corpus/cases: one test per row of EXPECT.tsv. Each generates the
// case with its BR-XX.sh into IN, runs the row's command in IN with a fresh
// OUT, and asserts the row's expected column as far as sb implements it today.
// Plain `sb ...` commands are taken from EXPECT.tsv itself, so the test runs
// what the table says; rows with shell around them (signals, ulimit, thread
// sampling) are spelled out here.
#include "corpus_case.hpp"
#include "e2e_test.hpp"
#include "json_reader.hpp"

#include <array>
#include <csignal>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> split_words(const std::string &command) {
    std::istringstream in(command);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

class Corpus : public E2eTest {
protected:
    void SetUp() override {
        const auto cases = cases_dir();
        if (!cases) GTEST_SKIP() << "no corpus cases: " << SB_E2E_SHARED_DIR << "/corpus/cases is missing";
        cases_ = *cases;
    }
    // IN: the generator's output; OUT: a fresh empty folder in it.
    fs::path in() const { return at("IN"); }
    fs::path out() const { return at("IN/OUT"); }
    void generate(const std::string &id) {
        generate_case(id, in());
        fs::create_directories(out());
    }
    // The n-th EXPECT.tsv row of `id` (BR-03 has two, ...).
    ExpectRow row(const std::string &id, std::size_t n = 0) const {
        std::size_t seen = 0;
        for (const auto &r : expect_rows(cases_))
            if (r.id == id && seen++ == n) return r;
        throw std::runtime_error("EXPECT.tsv has no row " + std::to_string(n) + " for " + id);
    }
    // Runs the row's command (a plain `sb ...`) in IN.
    Completed run_row(const std::string &id, std::size_t n = 0) {
        auto words = split_words(row(id, n).command);
        if (words.empty() || words[0] != "sb") throw std::runtime_error("not a plain sb command: " + row(id, n).command);
        words.erase(words.begin());
        return run_sb(words, in());
    }
    Completed sb_in(std::vector<std::string> args) { return run_sb(std::move(args), in()); }
    // display size after ffmpeg's default autorotation: disp(F) of EXPECT.tsv.
    static std::pair<int, int> displayed_size(const fs::path &f) {
        const auto y4m = ffmpeg_output({"-i", f.string(), "-frames:v", "1", "-f", "yuv4mpegpipe", "-"});
        std::smatch m;
        const std::string header = y4m.substr(0, y4m.find('\n'));
        if (!std::regex_search(header, m, std::regex(R"( W(\d+) H(\d+))"))) return {0, 0};
        return {std::stoi(m[1]), std::stoi(m[2])};
    }
    // rgb(F,x,y) of EXPECT.tsv: the mean colour of the 20x20 block at x,y (autorotated).
    static std::array<int, 3> rgb_at(const fs::path &f, int x, int y) {
        const auto raw = ffmpeg_output({"-i", f.string(), "-frames:v", "1", "-vf",
                                        "crop=20:20:" + std::to_string(x) + ":" + std::to_string(y) + ",scale=1:1", "-f",
                                        "rawvideo", "-pix_fmt", "rgb24", "-"});
        if (raw.size() < 3) return {-1, -1, -1};
        return {static_cast<unsigned char>(raw[0]), static_cast<unsigned char>(raw[1]), static_cast<unsigned char>(raw[2])};
    }
    static std::vector<std::string> failed_lines_naming(const Completed &r, const std::string &file) {
        std::vector<std::string> out;
        for (const auto &l : result_lines(r.err, "FAILED"))
            if (contains(l, file)) out.push_back(l);
        return out;
    }

    fs::path cases_;
};

// ---- BR-01 portrait clip: rotation in the display matrix only
TEST_F(Corpus, BR01_PortraitRotationIsAppliedExactlyOnce) {
    generate("01");
    const auto r = run_row("BR-01");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto f = out() / "br01_portrait_rot90.mp4";
    ASSERT_TRUE(is_valid_media(f));
    EXPECT_EQ(displayed_size(f), std::make_pair(240, 320));
    const auto red = rgb_at(f, 20, 20), blue = rgb_at(f, 200, 280);
    EXPECT_TRUE(red[0] > 200 && red[1] < 60 && red[2] < 60) << "top-left " << red[0] << "," << red[1] << "," << red[2];
    EXPECT_TRUE(blue[2] > 200 && blue[0] < 60) << "bottom-right " << blue[0] << "," << blue[1] << "," << blue[2];
    EXPECT_NEAR(duration_of(f), 2.0, 0.1);
}

// ---- BR-03 iPhone HEVC: any HEVC output is tagged hvc1
TEST_F(Corpus, BR03_H265OutputIsTaggedHvc1) {
    generate("03");
    const auto r = run_row("BR-03", 0);
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto info = test::probe_media(out() / "br03_iphone_hevc.mp4");
    ASSERT_TRUE(info.ok) << info.error;
    ASSERT_NE(info.first("video"), nullptr);
    EXPECT_EQ(info.first("video")->codec_name, "hevc");
    EXPECT_EQ(info.first("video")->codec_tag, "hvc1");
    EXPECT_NEAR(info.duration, 2.0, 0.1);
    ASSERT_NE(info.first("audio"), nullptr);
    EXPECT_EQ(info.first("audio")->codec_name, "aac");
}

TEST_F(Corpus, BR03_DefaultOutputIsHvc1HevcOrH264) {
    generate("03");
    const auto r = run_row("BR-03", 1);
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto info = test::probe_media(out() / "br03_iphone_hevc.mp4");
    ASSERT_TRUE(info.ok) << info.error;
    const auto *v = info.first("video");
    ASSERT_NE(v, nullptr);
    if (v->codec_name == "hevc") {
        EXPECT_EQ(v->codec_tag, "hvc1") << "stream copy must keep hvc1";
    } else {
        EXPECT_TRUE(v->codec_name == "h264" && v->codec_tag == "avc1") << v->codec_name << "/" << v->codec_tag;
    }
}

// ---- BR-04 capture metadata
TEST_F(Corpus, BR04_CreationTimeIsKept) {
    generate("04");
    const auto r = run_row("BR-04");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(ffprobe_value(out() / "br04_metadata.mp4", "", "format_tags=creation_time"), "2022-11-09T17:36:38.000000Z");
}

// The Apple QuickTime keys survive as mdta keys; the documented option strips
// the location only.
TEST_F(Corpus, BR04_AppleKeysAreKeptAndLocationCanBeStripped) {
    generate("04");
    const auto r = run_row("BR-04");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto f = out() / "br04_metadata.mp4";
    const auto tags = test::probe_media(f).tags;
    auto tag = [&](const std::string &k) { return tags.count(k) ? tags.at(k) : std::string("<absent>"); };
    EXPECT_EQ(tag("com.apple.quicktime.creationdate"), "2022-11-09T20:36:38+0300");
    EXPECT_EQ(tag("com.apple.quicktime.make"), "Apple");
    EXPECT_EQ(tag("com.apple.quicktime.model"), "iPhone 11 Pro Max");
    EXPECT_EQ(tag("com.apple.quicktime.location.ISO6709"), "+48.8584+002.2945+035.000/");

    // The strip-location option, as `sb mp4 --help` documents it.
    const auto help = sb_in({"mp4", "--help"});
    std::string flag;
    for (const auto &line : lines_of(help.out)) {
        std::smatch m;
        // An option line of --help ("  --strip-location  Remove only the GPS ...").
        if (contains(line, "location") && std::regex_search(line, m, std::regex(R"(^\s+(--[a-z][a-z-]*)\s)")) &&
            contains(m[1].str(), "location"))
            flag = m[1];
    }
    ASSERT_FALSE(flag.empty()) << "sb mp4 --help documents no option to strip the location\n" << help.out;
    fs::remove_all(out());
    fs::create_directories(out());
    const auto stripped = sb_in({"mp4", flag, "-o", "OUT", "br04_metadata.mov"});
    ASSERT_EQ(stripped.exit_code, 0) << describe(stripped);
    const auto stripped_tags = test::probe_media(f).tags;
    EXPECT_EQ(stripped_tags.count("com.apple.quicktime.location.ISO6709"), 0u);
    EXPECT_EQ(stripped_tags.count("com.apple.quicktime.make"), 1u) << "only the location goes";
}

// ---- BR-05 PCM audio in .mov
TEST_F(Corpus, BR05_PcmAudioBecomesAac) {
    generate("05");
    const auto r = run_row("BR-05", 0);
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto info = test::probe_media(out() / "br05_pcm_audio.mp4");
    ASSERT_TRUE(info.ok && info.first("audio")) << info.error;
    EXPECT_EQ(info.first("audio")->codec_name, "aac");
    EXPECT_EQ(info.first("audio")->sample_rate, 48000);
    EXPECT_EQ(info.first("audio")->channels, 2);
    EXPECT_NEAR(info.duration, 2.0, 0.1);
}

TEST_F(Corpus, BR05_AudioCopyOfPcmFailsCleanlyOrFallsBackWithAWarning) {
    generate("05");
    const auto r = run_row("BR-05", 1);
    const auto f = out() / "br05_pcm_audio.mp4";
    if (r.exit_code != 0) {
        const auto lines = failed_lines_naming(r, "br05_pcm_audio.mov");
        ASSERT_EQ(lines.size(), 1u) << r.err;
        EXPECT_TRUE(contains(lines[0], "pcm_s16le") && contains(lines[0], "MP4")) << lines[0];
        EXPECT_EQ(tree(out()), std::vector<std::string>{});
    } else {
        const auto info = test::probe_media(f);
        ASSERT_TRUE(info.ok && info.first("audio")) << "never rc=0 without audio\n" << describe(r);
        EXPECT_EQ(info.first("audio")->codec_name, "aac");
        EXPECT_TRUE(contains(r.err, "warning")) << r.err;
        EXPECT_TRUE(is_clean_output_dir(out()));
    }
}

// ---- BR-07 timecode track
TEST_F(Corpus, BR07_TimecodeTrackIsKeptOrDroppedCleanly) {
    generate("07");
    const auto r = run_row("BR-07");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto info = test::probe_media(out() / "br07_timecode.mp4");
    ASSERT_TRUE(info.ok) << info.error;
    EXPECT_EQ(info.count("video"), 1);
    EXPECT_EQ(info.count("audio"), 1);
    EXPECT_LE(info.count("data"), 1);
    if (const auto *d = info.first("data")) {
        EXPECT_EQ(d->codec_tag, "tmcd");
    }
    EXPECT_EQ(info.streams.size(), static_cast<std::size_t>(info.count("video") + info.count("audio") + info.count("data")));
    EXPECT_FALSE(contains(r.err, "Could not find tag for codec none")) << r.err;
    // Preferred, and what sb does today: the start timecode survives.
    EXPECT_TRUE(contains(ffprobe_output({"-show_entries", "stream_tags=timecode:format_tags=timecode", (out() / "br07_timecode.mp4").string()}),
                         "01:00:00:00"));
}

// ---- BR-09 odd frame size
TEST_F(Corpus, BR09_OddSizeBecomesEvenWithTheSameAspect) {
    generate("09");
    const auto r = run_row("BR-09");
    const auto f = out() / "br09_odd_641x481.mp4";
    if (r.exit_code != 0) { // allowed: refuse naming the file and 'odd dimensions'
        const auto lines = failed_lines_naming(r, "br09_odd_641x481.mov");
        ASSERT_EQ(lines.size(), 1u) << r.err;
        EXPECT_TRUE(contains(lines[0], "odd dimensions")) << lines[0];
        EXPECT_FALSE(fs::exists(f));
        return;
    }
    const auto info = test::probe_media(f);
    ASSERT_TRUE(info.ok && info.first("video")) << info.error;
    const auto &v = *info.first("video");
    EXPECT_EQ(v.codec_name, "h264");
    EXPECT_EQ(v.pix_fmt, "yuv420p");
    EXPECT_EQ(v.width % 2, 0);
    EXPECT_EQ(v.height % 2, 0);
    const auto sar = ffprobe_value(f, "v:0", "stream=sample_aspect_ratio");
    double sar_value = 1.0;
    if (const auto colon = sar.find(':'); colon != std::string::npos && sar != "0:1" && sar != "N/A")
        sar_value = std::stod(sar.substr(0, colon)) / std::stod(sar.substr(colon + 1));
    const double dar = v.width * sar_value / v.height;
    EXPECT_NEAR(dar / (641.0 / 481.0), 1.0, 0.01) << v.width << "x" << v.height << " sar " << sar;
    EXPECT_NEAR(info.duration, 2.0, 0.1);
}

// ---- BR-10 10-bit 4:2:2
TEST_F(Corpus, BR10_TenBit422BecomesPlayableHighYuv420p) {
    generate("10");
    const auto r = run_row("BR-10");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto info = test::probe_media(out() / "br10_422p10.mp4");
    ASSERT_TRUE(info.ok && info.first("video") && info.first("audio")) << info.error;
    EXPECT_EQ(info.first("video")->profile, "High");
    EXPECT_EQ(info.first("video")->pix_fmt, "yuv420p");
    EXPECT_EQ(info.first("audio")->codec_name, "aac");
}

// ---- BR-12 variable frame rate
TEST_F(Corpus, BR12_VariableFrameRateKeepsItsTiming) {
    generate("12");
    const auto r = run_row("BR-12");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto f = out() / "br12_vfr.mp4";
    const auto info = test::probe_media(f);
    ASSERT_TRUE(info.ok && info.first("video") && info.first("audio")) << info.error;
    EXPECT_NEAR(info.duration, 4.0, 0.15);
    EXPECT_NEAR(info.first("video")->duration, 4.0, 0.15) << "about 2.0 means the frames were retimed at 30 fps";
    EXPECT_NEAR(info.first("audio")->duration, 4.0, 0.1);
    // dtsmono(F)
    double previous = -1e9;
    int n = 0;
    for (const auto &line : lines_of(ffprobe_output({"-select_streams", "v", "-show_entries", "packet=dts_time", "-of", "csv=p=0", f.string()}))) {
        if (line.empty() || line == "N/A") continue;
        const double dts = std::stod(line);
        if (n++ > 0) {
            EXPECT_GT(dts, previous) << "packet " << n;
        }
        previous = dts;
    }
    EXPECT_EQ(n, 60);
    EXPECT_FALSE(contains(r.err, "non monotonically increasing dts")) << r.err;
}

// ---- BR-15 truncated .mov next to a good one
TEST_F(Corpus, BR15_TruncatedFileFailsAndTheGoodOneIsConverted) {
    generate("15");
    const auto r = run_row("BR-15");
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const auto lines = failed_lines_naming(r, "br15_truncated.mov");
    ASSERT_EQ(lines.size(), 1u) << r.err;
    EXPECT_TRUE(contains(lines[0], "moov atom not found") || contains(lines[0], "nvalid data")) << lines[0];
    EXPECT_EQ(tree(out()), std::vector<std::string>{"br15_good.mp4"});
    EXPECT_NEAR(duration_of(out() / "br15_good.mp4"), 2.0, 0.1);
    EXPECT_TRUE(is_clean_output_dir(out()));
}

// ---- BR-16 zero-byte .mov next to a good one
TEST_F(Corpus, BR16_EmptyFileFailsAndTheGoodOneIsConverted) {
    generate("16");
    const auto r = run_row("BR-16");
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const auto lines = failed_lines_naming(r, "br16_empty.mov");
    ASSERT_EQ(lines.size(), 1u) << r.err;
    EXPECT_TRUE(contains(lines[0], "empty") && contains(lines[0], "0 bytes")) << lines[0];
    EXPECT_EQ(tree(out()), std::vector<std::string>{"br16_good.mp4"});
    EXPECT_TRUE(is_clean_output_dir(out()));
}

// ---- BR-17 two audio tracks
TEST_F(Corpus, BR17_BothAudioTracksAreKeptInOrder) {
    generate("17");
    const auto r = run_row("BR-17");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto info = test::probe_media(out() / "br17_two_audio.mp4");
    ASSERT_TRUE(info.ok) << info.error;
    std::vector<const test::StreamInfo *> audio;
    for (const auto &s : info.streams)
        if (s.type == "audio") audio.push_back(&s);
    ASSERT_EQ(audio.size(), 2u);
    auto tag = [](const test::StreamInfo *s, const char *k) { return s->tags.count(k) ? s->tags.at(k) : std::string(); };
    EXPECT_EQ(tag(audio[0], "language"), "eng");
    EXPECT_EQ(tag(audio[1], "language"), "deu");
    EXPECT_EQ(audio[0]->channels, 2);
    EXPECT_EQ(audio[1]->channels, 1);
    EXPECT_TRUE(audio[0]->disposition & 1) << "first audio track is the default";
    EXPECT_FALSE(audio[1]->disposition & 1) << "second audio track is not";
    EXPECT_TRUE(tag(audio[0], "handler_name") == "Main" || tag(audio[0], "title") == "Main");
    EXPECT_TRUE(tag(audio[1], "handler_name") == "Kommentar" || tag(audio[1], "title") == "Kommentar");
}

// ---- BR-18 SubRip subtitles: EXPECT.tsv prefers them converted over dropped.
TEST_F(Corpus, BR18_SubtitlesBecomeMovTextWithBothCues) {
    generate("18");
    const auto r = run_row("BR-18");
    ASSERT_EQ(r.exit_code, 0) << "never a failure caused by the subtitle\n" << describe(r);
    EXPECT_FALSE(contains(r.err, "Could not find tag for codec subrip")) << r.err;
    const auto info = test::probe_media(out() / "br18_srt.mp4");
    ASSERT_TRUE(info.ok) << info.error;
    const auto *s = info.first("subtitle");
    ASSERT_NE(s, nullptr) << "subtitle stream dropped\n" << r.err;
    EXPECT_EQ(s->codec_name, "mov_text");
    EXPECT_EQ(s->tags.count("language") ? s->tags.at("language") : "", "eng");
    // The muxer fills the gaps between cues with empty samples; the cues are what counts.
    EXPECT_EQ(s->cues, 2);
}

// ---- BR-19 names starting with '-'
TEST_F(Corpus, BR19_LeadingDashNamesAreNotOptions) {
    generate("19");
    const auto r = run_row("BR-19");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_valid_media(out() / "-clip.mp4"));
    EXPECT_TRUE(is_valid_media(out() / "--take2.mp4"));
    // "the same with './-clip.mov'"
    fs::remove_all(out());
    fs::create_directories(out());
    const auto dot = sb_in({"mp4", "-o", "OUT", "./-clip.mov"});
    ASSERT_EQ(dot.exit_code, 0) << describe(dot);
    EXPECT_TRUE(is_valid_media(out() / "-clip.mp4"));
}

// ---- BR-21 one stem, four containers
TEST_F(Corpus, BR21_SameStemIsNeverASilentOverwrite) {
    generate("21");
    const auto r = run_row("BR-21");
    const std::set<std::string> inputs = {"clip.mkv", "clip.avi", "clip.mov", "clip.MOV"};
    std::set<std::string> titles;
    for (const auto &name : file_names(out())) {
        const auto f = out() / name;
        EXPECT_TRUE(is_valid_media(f));
        const auto info = test::probe_media(f);
        const std::string title = info.tags.count("title") ? info.tags.at("title") : "";
        EXPECT_TRUE(inputs.count(title)) << name << " has title '" << title << "'";
        EXPECT_TRUE(titles.insert(title).second) << "two outputs from " << title;
    }
    if (r.exit_code == 0) {
        EXPECT_EQ(titles.size(), 4u) << describe(r);
    } else {
        // Refused before work started, naming the clashing inputs.
        std::size_t refused = 0;
        for (const auto &i : inputs) refused += !titles.count(i) && contains(r.err, i) ? 1 : 0;
        EXPECT_EQ(titles.size() + refused, 4u) << describe(r);
    }
}

// ---- BR-23 output path already taken / input that is its own output
TEST_F(Corpus, BR23_UsersOwnFileAtTheOutputPathSurvives) {
    generate("23");
    const auto r = run_row("BR-23", 0);
    std::ifstream sums(in() / "checksums.sha256");
    int checked = 0;
    for (std::string hash, name; sums >> hash >> name; ++checked) EXPECT_EQ(sha256_of(in() / name), hash) << name;
    EXPECT_EQ(checked, 3);
    if (r.exit_code != 0) {
        EXPECT_TRUE(contains(r.err, "out/IMG_0001.mp4")) << r.err;
        EXPECT_FALSE(contains(r.err, "not supported")) << "upper-case .MOV is an accepted input\n" << r.err;
    } else {
        EXPECT_GT(file_names(in() / "out").size(), 1u) << "converted under a distinct name";
    }
}

TEST_F(Corpus, BR23_InputMp4IsNotOverwrittenByItsOwnOutput) {
    generate("23");
    const auto before = tree(in() / "in");
    const auto r = run_row("BR-23", 1);
    std::ifstream sums(in() / "checksums.sha256");
    for (std::string hash, name; sums >> hash >> name;) EXPECT_EQ(sha256_of(in() / name), hash) << name;
    EXPECT_TRUE(r.exit_code != 0 || contains(r.err, "skipped")) << describe(r);
    EXPECT_EQ(tree(in() / "in"), before) << "no new or 0-byte file in in/";
}

// ---- BR-25 Ctrl+C mid-batch
class CorpusCancel : public Corpus {
protected:
    // `sb mp4 -w 1 -p slow -o OUT take1.mov take2.mov take3.mov & sleep 1.5; kill -INT`,
    // the first signal sent once the first job is writing and 1.5 s have passed.
    std::unique_ptr<Process> start_and_interrupt() {
        generate("25");
        auto p = std::make_unique<Process>(
            sb_command({"mp4", "-w", "1", "-p", "slow", "-o", "OUT", "take1.mov", "take2.mov", "take3.mov"}, in()));
        auto writing = [&] {
            for (const auto &n : file_names(out()))
                if (contains(n, ".sb-partial-")) return true;
            return false;
        };
        EXPECT_TRUE(p->wait_until(writing, milliseconds(60'000))) << p->err_so_far();
        p->wait_until([&] { return p->elapsed() >= 1.5; }, milliseconds(2000));
        p->send_signal(SIGINT);
        return p;
    }
};

TEST_F(CorpusCancel, BR25_FirstSigintFinishesTheJobInFlightOnly) {
    ASSERT_EQ(row("BR-25", 0).command.rfind("sb mp4 -w 1 -p slow -o OUT take1.mov take2.mov take3.mov &", 0), 0u);
    auto p = start_and_interrupt();
    const double signalled = p->elapsed();
    const auto r = p->wait();
    EXPECT_EQ(r.exit_code, 130) << describe(r);
    EXPECT_TRUE(is_clean_output_dir(out()));
    const auto outputs = file_names(out());
    ASSERT_LE(outputs.size(), 1u) << ::testing::PrintToString(outputs);
    if (!outputs.empty()) {
        EXPECT_NEAR(duration_of(out() / outputs[0]), 4.5, 0.1);
    }
    // No later than the in-flight job + 2 s: its own run time bounds what was left of it.
    std::smatch m;
    const auto ok = result_lines(r.err, "ok");
    ASSERT_EQ(ok.size(), outputs.size()) << r.err;
    const double job_seconds = ok.empty() ? 0 : (std::regex_search(ok[0], m, std::regex(R"(\((\d+\.\d) s\)$)")) ? std::stod(m[1]) : 0);
    EXPECT_LE(r.seconds - signalled, job_seconds + 2.0) << r.err;
}

TEST_F(CorpusCancel, BR25_SecondSigintEndsTheBatchWithinThreeSeconds) {
    auto p = start_and_interrupt();
    std::this_thread::sleep_for(milliseconds(300));
    ASSERT_TRUE(p->running()) << "take1 finished within 0.3 s of the first signal; the case no longer tests an abort";
    p->send_signal(SIGINT);
    const double second = p->elapsed();
    const auto r = p->wait();
    EXPECT_EQ(r.exit_code, 130) << describe(r);
    EXPECT_LE(r.seconds - second, 3.0) << describe(r);
    EXPECT_TRUE(is_clean_output_dir(out()));
    EXPECT_EQ(tree(out()), std::vector<std::string>{}) << "the aborted file is removed";
}

// ---- BR-26 noise named .mov
TEST_F(Corpus, BR26_NoiseFileFailsTheBatchAndIsReported) {
    generate("26");
    auto args = split_words(row("BR-26").command);
    args.erase(args.begin());
    args.insert(args.begin() + 1, {"--report", "report.json"}); // "and JSON report if requested"
    const auto r = sb_in(args);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(is_valid_media(out() / "br26_good.mp4"));
    EXPECT_FALSE(fs::exists(out() / "br26_corrupt.mp4"));
    EXPECT_TRUE(contains(r.err, "failed files:\n  br26_corrupt.mov: ")) << r.err;
    const auto report = parse_json(read_file(in() / "report.json"));
    std::map<std::string, std::pair<std::string, std::string>> status;
    for (const auto &f : report["files"].array()) status[f["input"].string()] = {f["status"].string(), f["reason"].string()};
    EXPECT_EQ(status["br26_good.mov"].first, "converted");
    EXPECT_EQ(status["br26_corrupt.mov"].first, "failed");
    EXPECT_FALSE(status["br26_corrupt.mov"].second.empty());
}

// ---- BR-27 corrupt first file, then one clip per container
TEST_F(Corpus, BR27_EveryContainerIsConvertedPastACorruptFirstFile) {
    generate("27");
    const auto r = run_row("BR-27");
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const auto failed = failed_lines_naming(r, "a_corrupt.mov");
    ASSERT_EQ(failed.size(), 1u) << r.err;
    EXPECT_TRUE(contains(failed[0], "no video") || contains(failed[0], "nvalid data")) << failed[0];
    for (const char *ext : {"avi", "flv", "m4v", "mkv", "mov", "mpeg", "mpg", "webm", "wmv"}) {
        SCOPED_TRACE(ext);
        const auto f = out() / (std::string("clip_") + ext + ".mp4");
        const auto info = test::probe_media(f);
        ASSERT_TRUE(info.ok) << info.error;
        EXPECT_EQ(info.count("video"), 1);
        EXPECT_EQ(info.count("audio"), 1);
        EXPECT_NEAR(info.duration, 1.0, 0.1);
    }
    EXPECT_EQ(file_names(out()).size(), 9u);
    EXPECT_TRUE(is_clean_output_dir(out()));
}

// ---- BR-28 faststart
TEST_F(Corpus, BR28_IndexIsWrittenAtTheFront) {
    generate("28");
    const auto r = run_row("BR-28");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    // atom1(F): the first top-level moov/mdat box is moov.
    EXPECT_TRUE(test::probe_media(out() / "br28_plain.mp4").moov_before_mdat);
}

// ---- BR-29 four 720p jobs at once: codec threads budgeted
TEST_F(Corpus, BR29_ThreadCountStaysWithinTheBudget) {
    generate("29");
    ASSERT_EQ(row("BR-29").command.rfind("sb mp4 -w 4 -o OUT par1.mov par2.mov par3.mov par4.mov &", 0), 0u);
    const int cpus = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // Runs sb on the four clips and samples its thread count every 50 ms.
    auto peak_threads = [&](std::vector<std::string> extra) {
        fs::remove_all(out());
        fs::create_directories(out());
        std::vector<std::string> args = {"mp4", "-w", "4"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), {"-o", "OUT", "par1.mov", "par2.mov", "par3.mov", "par4.mov"});
        Process p(sb_command(args, in()));
        const std::string status = "/proc/" + std::to_string(p.pid()) + "/status";
        int peak = 0;
        while (p.running()) {
            std::ifstream s(status);
            for (std::string line; std::getline(s, line);)
                if (line.rfind("Threads:", 0) == 0) peak = std::max(peak, std::stoi(line.substr(8)));
            std::this_thread::sleep_for(milliseconds(50));
        }
        const auto r = p.wait();
        EXPECT_EQ(r.exit_code, 0) << describe(r);
        for (int i = 1; i <= 4; ++i) EXPECT_NEAR(duration_of(out() / ("par" + std::to_string(i) + ".mp4")), 3.0, 0.1);
        EXPECT_LE(peak, 2 * cpus + 3 * 4 + 8) << "peak thread count";
        return peak;
    };
    // The row as written: --mode auto copies these H.264 + AAC clips (no codec threads at all).
    peak_threads({});
    // Re-encoding is where the codec threads are budgeted across the workers.
    EXPECT_GE(peak_threads({"--mode", "transcode", "-p", "ultrafast"}), 4) << "the sampling saw no workers at all";
}

// ---- BR-32 video only
TEST_F(Corpus, BR32_VideoOnlyStaysVideoOnly) {
    generate("32");
    for (const std::vector<std::string> &extra : {std::vector<std::string>{}, std::vector<std::string>{"--audio", "mp3"}}) {
        SCOPED_TRACE(extra.empty() ? "default audio" : "--audio mp3");
        fs::remove_all(out());
        fs::create_directories(out());
        std::vector<std::string> args = {"mp4"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), {"-o", "OUT", "br32_video_only.mov"});
        const auto r = extra.empty() ? run_row("BR-32") : sb_in(args);
        ASSERT_EQ(r.exit_code, 0) << describe(r);
        EXPECT_FALSE(contains(r.err, "audio")) << "no error about missing audio\n" << r.err;
        const auto info = test::probe_media(out() / "br32_video_only.mp4");
        ASSERT_TRUE(info.ok) << info.error;
        EXPECT_EQ(info.count("video"), 1);
        EXPECT_EQ(info.count("audio"), 0);
        EXPECT_NEAR(info.duration, 2.0, 0.1);
    }
}

// ---- BR-34 write error mid-conversion
TEST_F(Corpus, BR34_WriteErrorFailsCleanly) {
    generate("34");
    const auto sum = sha256_of(in() / "br34_clip.mov");
    const auto command = row("BR-34").command;
    ASSERT_TRUE(contains(command, "trap '' XFSZ; ulimit -f 64; exec sb mp4 -o OUT br34_clip.mov")) << command;
    Command c = sb_command({}, in());
    // The row's own shell line, with sb's path passed as $0 so no quoting is needed.
    c.argv = {"bash", "-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" mp4 -o OUT br34_clip.mov", sb_executable().string()};
    const auto r = run(c);
    EXPECT_NE(r.exit_code, 0) << describe(r);
    const auto lines = failed_lines_naming(r, "br34_clip.mov");
    ASSERT_EQ(lines.size(), 1u) << r.err;
    EXPECT_TRUE(contains(lines[0], "File too large") || contains(lines[0], "No space left on device")) << lines[0];
    EXPECT_EQ(tree(out()), std::vector<std::string>{});
    EXPECT_EQ(sha256_of(in() / "br34_clip.mov"), sum);
}

// Every row of EXPECT.tsv has a test above: a new row fails here until it gets one.
TEST_F(Corpus, EveryExpectRowHasATest) {
    const std::map<std::string, int> covered = {
        {"BR-01", 1}, {"BR-03", 2}, {"BR-04", 1}, {"BR-05", 2}, {"BR-07", 1}, {"BR-09", 1}, {"BR-10", 1}, {"BR-12", 1},
        {"BR-15", 1}, {"BR-16", 1}, {"BR-17", 1}, {"BR-18", 1}, {"BR-19", 1}, {"BR-21", 1}, {"BR-23", 2}, {"BR-25", 2},
        {"BR-26", 1}, {"BR-27", 1}, {"BR-28", 1}, {"BR-29", 1}, {"BR-32", 1}, {"BR-34", 1}};
    std::map<std::string, int> rows;
    for (const auto &r : expect_rows(cases_)) ++rows[r.id];
    EXPECT_EQ(rows, covered);
    for (const auto &[id, n] : rows) EXPECT_TRUE(fs::exists(cases_ / (id + ".sh"))) << id;
}

} // namespace
} // namespace sb::e2e
