// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Internals of <seedance/probe.hpp>: MP4 and MOV (ISO BMFF / QuickTime). Include
// <seedance/probe.hpp>, not this header.
//
// Only the boxes the probe needs are entered, each by a handler of its own (moov > trak > mdia >
// minf > stbl; trak > edts; moov > mvex; moof > traf): no handler recurses, so the nesting the probe
// follows is that grammar's, at most 5 levels below the top, whatever the file nests (a box of any
// other type, or in any other place, is skipped by its size). Box payloads are never copied whole:
// tables are read entry by entry through the reader.
#ifndef SEEDANCE_DETAIL_PROBE_BMFF_HPP
#define SEEDANCE_DETAIL_PROBE_BMFF_HPP

#include <cmath>

#include "probe_core.hpp"

namespace seedance::detail::probe {

inline bool looks_bmff(const std::uint8_t* h, std::size_t n) noexcept {
  if (n < 8) return false;
  const std::uint32_t t = be32(h + 4);
  // ftyp first (ISO BMFF); classic QuickTime files may start with any of these instead.
  return t == fourcc("ftyp") || t == fourcc("moov") || t == fourcc("mdat") || t == fourcc("wide") || t == fourcc("pnot") ||
         ((t == fourcc("free") || t == fourcc("skip")) && be32(h) >= 8);
}

/// Whether the sample durations vary. The first and the last sample are not compared (muxers stretch
/// them to align tracks), and durations within one tick of each other are one rate: when the
/// timescale is not a multiple of the rate, muxers round each timestamp to the tick, so a constant
/// 24000/1001 fps at 90 kHz gives 3754, 3754, 3753, 3754, ... (and 600 at 29.97 gives 20 and 21).
struct delta_runs {
  std::uint32_t lo = 0, hi = 0;      // settled samples (the first excluded), smallest and largest
  std::uint32_t pending = 0;         // the latest run of equal durations: its last sample may be the file's last
  std::uint64_t pending_count = 0;
  bool have_range = false, have_pending = false, first_dropped = false;
  void add(std::uint64_t count, std::uint32_t delta) noexcept {
    if (count == 0) return;
    if (!first_dropped) {
      first_dropped = true;
      if (--count == 0) return;
    }
    if (have_pending && delta == pending) {
      pending_count = sat_add(pending_count, count);
      return;
    }
    if (have_pending) note(pending);
    pending = delta, pending_count = count, have_pending = true;
  }
  void note(std::uint32_t d) noexcept {
    lo = have_range ? std::min(lo, d) : d;
    hi = have_range ? std::max(hi, d) : d;
    have_range = true;
  }
  [[nodiscard]] bool variable() const noexcept {
    std::uint32_t l = lo, h = hi;
    bool any = have_range;
    if (have_pending && pending_count > 1) {  // the pending run but its last sample
      l = any ? std::min(l, pending) : pending;
      h = any ? std::max(h, pending) : pending;
      any = true;
    }
    return any && h - l > 1;
  }
};

struct track_facts {
  std::uint32_t id = 0;
  std::uint32_t handler = 0;
  std::uint32_t timescale = 0;
  std::uint64_t mdhd_duration = 0;
  bool has_mdhd = false;
  bool has_elst = false;
  bool elst_capped = false;         // the edit list is longer than the track's table bound: its sum is partial
  std::uint64_t elst_duration = 0;  // movie timescale
  std::int32_t a = 0x10000, b = 0, c = 0, d = 0x10000;  // tkhd matrix, 16.16
  std::uint32_t width = 0, height = 0;                    // the first sample entry's (video tracks only)
  std::uint64_t samples = 0, sample_time = 0;             // stts + trun
  std::uint64_t stsz_count = 0;
  bool has_stsz = false;
  std::uint64_t entries = 0;  // table entries summed for this track (stts, trun, elst)
  bool capped = false;        // stts or trun entries past the bound: samples and sample_time are partial
  // stsd: read for a 'vide' track only; its problems are reported if it is THE video track.
  enum class stsd_issue : std::uint8_t { missing, ok, no_entry, entry_overruns, entry_too_short, zero_size };
  stsd_issue stsd = stsd_issue::missing;
  std::uint64_t stsd_entry = 0, stsd_room = 0;  // the first entry's claimed size, the bytes after the entry count
  bool stsd_deferred = false;                   // seen before mdia's hdlr: read once the handler is known
  std::uint64_t stsd_b = 0, stsd_e = 0;
  delta_runs runs;
};

/// trex: a track's default sample duration in fragments (kept whatever the order of mvex and trak).
struct trex_entry {
  std::uint32_t track_id = 0, duration = 0;
};

struct bmff_state {
  explicit bmff_state(context& c) noexcept : cx(c) {}
  context& cx;
  video_probe v;
  std::uint32_t movie_timescale = 0;
  std::uint64_t mvhd_duration = 0;
  bool mvhd_known = false;
  std::uint64_t mehd_duration = 0;
  std::array<track_facts, max_tracks> tracks{};
  std::size_t ntracks = 0;
  std::array<trex_entry, max_tracks> trex{};
  std::size_t ntrex = 0;
  bool moov_seen = false, moof_seen = false;

  [[nodiscard]] std::uint32_t trex_duration(std::uint32_t id) const noexcept {
    for (std::size_t i = 0; i < ntrex; ++i)
      if (trex[i].track_id == id) return trex[i].duration;
    return 0;
  }

  /// Counts one table entry of `tr`: false once the track's bound (or the file's) is reached, the
  /// entry is then not read and the caller marks the sum it was adding to as partial.
  bool count_entry(track_facts& tr) noexcept {
    if (tr.entries >= max_table_entries || cx.table_entries >= max_file_table_entries) return false;
    ++tr.entries;
    ++cx.table_entries;
    return true;
  }

  track_facts* find_track(std::uint32_t id) noexcept {
    for (std::size_t i = 0; i < ntracks; ++i)
      if (tracks[i].id == id) return &tracks[i];
    return nullptr;
  }

  /// Calls f(type, payload_begin, payload_end) for each box in [begin, end); false on error.
  template <class F>
  bool children(std::uint64_t begin, std::uint64_t end, F&& f) {
    std::uint64_t off = begin;
    while (off < end && end - off >= 8) {
      if (!cx.count_box()) return false;
      const std::uint8_t* h = cx.need(off, 8, "box header");
      if (!h) return false;
      std::uint64_t size = be32(h);
      const std::uint32_t type = be32(h + 4);
      std::uint64_t hsize = 8;
      if (size == 1) {
        const std::uint8_t* l = cx.need(off + 8, 8, "64-bit box size");
        if (!l) return false;
        size = be64(l);
        hsize = 16;
      } else if (size == 0) {
        size = end - off;
      }
      if (size < hsize || size > end - off)
        return cx.fail(probe_errc::malformed, "box '" + fourcc_text(type) + "' at offset " + std::to_string(off) + " claims " +
                                                  std::to_string(size) + " bytes; its parent has " + std::to_string(end - off) + " left");
      if (!f(type, off + hsize, off + size)) return false;
      off += size;
    }
    return !cx.failed;
  }

  /// `n` bytes at the start of a payload [b, e), or nullptr with a `malformed`/`truncated` error.
  const std::uint8_t* payload(std::uint64_t b, std::uint64_t e, std::size_t n, const char* box) {
    if (e - b < n) {
      cx.fail(probe_errc::malformed,
              "box " + detail::text::quote(box, detail::text::name) + " is too short (" + std::to_string(e - b) + " bytes)");
      return nullptr;
    }
    return cx.need(b, n, "box " + detail::text::quote(box, detail::text::name));
  }

  // --- moov ------------------------------------------------------------------------------------
  bool moov(std::uint64_t b, std::uint64_t e) {
    return children(b, e, [&](std::uint32_t t, std::uint64_t pb, std::uint64_t pe) {
      if (t == fourcc("mvhd")) return mvhd(pb, pe);
      if (t == fourcc("trak")) {
        if (ntracks == max_tracks) return true;
        tracks[ntracks] = track_facts{};
        return trak(tracks[ntracks++], pb, pe);
      }
      if (t == fourcc("mvex")) {
        v.fragmented = true;
        return mvex(pb, pe);
      }
      return true;
    });
  }
  bool mvhd(std::uint64_t b, std::uint64_t e) {
    const std::uint8_t* p = payload(b, e, 4, "mvhd");
    if (!p) return false;
    const bool v1 = p[0] == 1;
    p = payload(b, e, v1 ? 32 : 20, "mvhd");
    if (!p) return false;
    movie_timescale = be32(p + (v1 ? 20 : 12));
    mvhd_duration = v1 ? be64(p + 24) : be32(p + 16);
    mvhd_known = v1 ? mvhd_duration != ~std::uint64_t{0} : mvhd_duration != 0xffffffffu;
    return true;
  }
  bool mvex(std::uint64_t b, std::uint64_t e) {
    return children(b, e, [&](std::uint32_t t, std::uint64_t pb, std::uint64_t pe) {
      if (t == fourcc("mehd")) {
        const std::uint8_t* p = payload(pb, pe, 4, "mehd");
        if (!p) return false;
        const bool v1 = p[0] == 1;
        if (!(p = payload(pb, pe, v1 ? 12 : 8, "mehd"))) return false;
        mehd_duration = v1 ? be64(p + 4) : be32(p + 4);
      } else if (t == fourcc("trex")) {
        const std::uint8_t* p = payload(pb, pe, 24, "trex");
        if (!p) return false;
        const std::uint32_t id = be32(p + 4), dur = be32(p + 12);
        // Kept by track id, not applied to a trak: the traks may come after mvex. The first trex of
        // an id counts (as in ffmpeg); beyond max_tracks ids, the rest are ignored.
        bool known = false;
        for (std::size_t i = 0; i < ntrex; ++i) known = known || trex[i].track_id == id;
        if (!known && ntrex < max_tracks) trex[ntrex++] = trex_entry{id, dur};
      }
      return true;
    });
  }
  bool trak(track_facts& tr, std::uint64_t b, std::uint64_t e) {
    return children(b, e, [&](std::uint32_t t, std::uint64_t pb, std::uint64_t pe) {
      if (t == fourcc("tkhd")) return tkhd(tr, pb, pe);
      if (t == fourcc("edts"))
        return children(
            pb, pe, [&](std::uint32_t t2, std::uint64_t b2, std::uint64_t e2) { return t2 == fourcc("elst") ? elst(tr, b2, e2) : true; });
      if (t == fourcc("mdia")) return mdia(tr, pb, pe);
      return true;
    });
  }
  bool tkhd(track_facts& tr, std::uint64_t b, std::uint64_t e) {
    const std::uint8_t* p = payload(b, e, 4, "tkhd");
    if (!p) return false;
    const bool v1 = p[0] == 1;
    const std::size_t m = v1 ? 52 : 40;
    if (!(p = payload(b, e, m + 36, "tkhd"))) return false;
    tr.id = be32(p + (v1 ? 20 : 12));
    tr.a = static_cast<std::int32_t>(be32(p + m));
    tr.b = static_cast<std::int32_t>(be32(p + m + 4));
    tr.c = static_cast<std::int32_t>(be32(p + m + 12));
    tr.d = static_cast<std::int32_t>(be32(p + m + 16));
    return true;
  }
  bool elst(track_facts& tr, std::uint64_t b, std::uint64_t e) {
    const std::uint8_t* p = payload(b, e, 8, "elst");
    if (!p) return false;
    const bool v1 = p[0] == 1;
    const std::uint64_t n = be32(p + 4), size = v1 ? 20 : 12;
    if (n > (e - b - 8) / size) return cx.fail(probe_errc::malformed, "elst claims " + std::to_string(n) + " entries; its box holds fewer");
    tr.has_elst = true;
    tr.elst_duration = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      if (!count_entry(tr)) return tr.elst_capped = true;
      const std::uint8_t* q = cx.need(b + 8 + i * size, static_cast<std::size_t>(size), "elst entry");
      if (!q) return false;
      tr.elst_duration = sat_add(tr.elst_duration, v1 ? be64(q) : be32(q));
    }
    return true;
  }
  bool mdia(track_facts& tr, std::uint64_t b, std::uint64_t e) {
    const bool ok = children(b, e, [&](std::uint32_t t, std::uint64_t pb, std::uint64_t pe) {
      if (t == fourcc("mdhd")) {
        const std::uint8_t* p = payload(pb, pe, 4, "mdhd");
        if (!p) return false;
        const bool v1 = p[0] == 1;
        if (!(p = payload(pb, pe, v1 ? 32 : 20, "mdhd"))) return false;
        tr.has_mdhd = true;
        tr.timescale = be32(p + (v1 ? 20 : 12));
        tr.mdhd_duration = v1 ? be64(p + 24) : be32(p + 16);
        if (tr.mdhd_duration == (v1 ? ~std::uint64_t{0} : 0xffffffffu)) tr.mdhd_duration = 0;
        return true;
      }
      if (t == fourcc("hdlr")) {  // mdia's hdlr only: MOV has a second one in minf (data handler)
        const std::uint8_t* p = payload(pb, pe, 12, "hdlr");
        if (!p) return false;
        tr.handler = be32(p + 8);
        return true;
      }
      if (t == fourcc("minf"))
        return children(
            pb, pe, [&](std::uint32_t t2, std::uint64_t b2, std::uint64_t e2) { return t2 == fourcc("stbl") ? stbl(tr, b2, e2) : true; });
      return true;
    });
    if (!ok) return false;
    if (tr.stsd_deferred && tr.handler == fourcc("vide")) {  // hdlr came after minf
      tr.stsd_deferred = false;
      return stsd(tr, tr.stsd_b, tr.stsd_e);
    }
    return true;
  }
  /// The first sample entry of a video track's stsd: its coded size. A bad entry is not an error
  /// here (the track may not be the one reported): finish() reports it for THE video track.
  bool stsd(track_facts& tr, std::uint64_t b, std::uint64_t e) {
    using issue = track_facts::stsd_issue;
    tr.stsd_room = e - b < 8 ? 0 : e - b - 8;
    const std::uint8_t* p = nullptr;
    if (e - b < 16) return tr.stsd = issue::no_entry, true;  // no room for an entry's size and type
    if (!(p = cx.need(b, 16, "box 'stsd'"))) return false;
    if (be32(p + 4) == 0) return tr.stsd = issue::no_entry, true;
    tr.stsd_entry = be32(p + 8);
    if (tr.stsd_entry > tr.stsd_room) return tr.stsd = issue::entry_overruns, true;
    if (tr.stsd_entry < 36) return tr.stsd = issue::entry_too_short, true;  // width and height end at 36
    if (!(p = cx.need(b + 8, 36, "stsd sample entry"))) return false;
    tr.width = be16(p + 32);
    tr.height = be16(p + 34);
    tr.stsd = tr.width == 0 || tr.height == 0 ? issue::zero_size : issue::ok;
    return true;
  }
  bool stbl(track_facts& tr, std::uint64_t b, std::uint64_t e) {
    return children(b, e, [&](std::uint32_t t, std::uint64_t pb, std::uint64_t pe) {
      if (t == fourcc("stsd")) {
        // Only a video track's sample entries are read: other tracks' (audio, timecode, 20-byte
        // 'mett' metadata...) have other layouts and sizes and are skipped.
        if (tr.stsd != track_facts::stsd_issue::missing || tr.stsd_deferred) return true;  // the first stsd counts
        if (tr.handler == fourcc("vide")) return stsd(tr, pb, pe);
        if (tr.handler == 0) tr.stsd_deferred = true, tr.stsd_b = pb, tr.stsd_e = pe;  // hdlr not seen yet
        return true;
      }
      if (t == fourcc("stts")) {
        const std::uint8_t* p = payload(pb, pe, 8, "stts");
        if (!p) return false;
        const std::uint64_t n = be32(p + 4);
        if (n > (pe - pb - 8) / 8)
          return cx.fail(probe_errc::malformed,
                         "stts claims " + std::to_string(n) + " entries; its box holds " + std::to_string((pe - pb - 8) / 8));
        for (std::uint64_t i = 0; i < n; ++i) {
          if (!count_entry(tr)) return tr.capped = true;
          const std::uint8_t* q = cx.need(pb + 8 + 8 * i, 8, "stts entry");
          if (!q) return false;
          add_samples(tr, be32(q), be32(q + 4));
        }
        return true;
      }
      if (t == fourcc("stsz") || t == fourcc("stz2")) {
        const std::uint8_t* p = payload(pb, pe, 12, "stsz");
        if (!p) return false;
        tr.stsz_count = be32(p + 8);
        tr.has_stsz = true;
        return true;
      }
      return true;
    });
  }
  static void add_samples(track_facts& tr, std::uint64_t count, std::uint32_t delta) noexcept {
    tr.samples = sat_add(tr.samples, count);
    tr.sample_time = sat_add(tr.sample_time, sat_mul(count, delta));
    tr.runs.add(count, delta);
  }

  // --- moof (fragments) -------------------------------------------------------------------------
  bool moof(std::uint64_t b, std::uint64_t e) {
    return children(b, e, [&](std::uint32_t t, std::uint64_t pb, std::uint64_t pe) { return t == fourcc("traf") ? traf(pb, pe) : true; });
  }
  bool traf(std::uint64_t b, std::uint64_t e) {
    track_facts* tr = nullptr;
    std::uint32_t default_duration = 0;
    return children(b, e, [&](std::uint32_t t, std::uint64_t pb, std::uint64_t pe) {
      if (t == fourcc("tfhd")) {
        const std::uint8_t* p = payload(pb, pe, 8, "tfhd");
        if (!p) return false;
        const std::uint32_t flags = be32(p) & 0xffffffu, id = be32(p + 4);
        tr = find_track(id);
        default_duration = trex_duration(id);  // trex (mvex), overridden by tfhd's own default
        if (flags & 0x08) {
          const std::size_t at = 8 + ((flags & 0x01) ? 8 : 0) + ((flags & 0x02) ? 4 : 0);
          if (!(p = payload(pb, pe, at + 4, "tfhd"))) return false;
          default_duration = be32(p + at);
        }
        return true;
      }
      if (t == fourcc("trun") && tr) {
        const std::uint8_t* p = payload(pb, pe, 8, "trun");
        if (!p) return false;
        const std::uint32_t flags = be32(p) & 0xffffffu;
        const std::uint64_t n = be32(p + 4);
        const std::uint64_t head = 8 + ((flags & 0x1) ? 4 : 0) + ((flags & 0x4) ? 4 : 0);
        const std::uint64_t each =
            4u * static_cast<unsigned>(((flags >> 8) & 1) + ((flags >> 9) & 1) + ((flags >> 10) & 1) + ((flags >> 11) & 1));
        if (head > pe - pb || (each != 0 && n > (pe - pb - head) / each))
          return cx.fail(probe_errc::malformed, "trun claims " + std::to_string(n) + " samples; its box holds fewer");
        if (!(flags & 0x100)) {
          add_samples(*tr, n, default_duration);
          return true;
        }
        for (std::uint64_t i = 0; i < n; ++i) {
          if (!count_entry(*tr)) return tr->capped = true;
          const std::uint8_t* q = cx.need(pb + head + i * each, 4, "trun entry");
          if (!q) return false;
          add_samples(*tr, 1, be32(q));
        }
        return true;
      }
      return true;
    });
  }

  // --- the file --------------------------------------------------------------------------------
  std::variant<probe_error, image_probe, video_probe, audio_probe> run() {
    const std::uint64_t end = cx.in.size();
    std::uint64_t off = 0;
    bool ftyp_seen = false, mov_brand = true, mdat_seen = false;
    while (off < end) {
      if (end - off < 8) {  // 1 to 7 bytes after the last box: a file cut inside the next box's header
        cx.fail(probe_errc::truncated, "a box header at offset " + std::to_string(off) + " runs past the end of the file (" +
                                           std::to_string(end - off) + " of its 8 bytes are there)");
        return probe_error{};
      }
      if (!cx.count_box()) return probe_error{};
      const std::uint8_t* h = cx.need(off, 8, "box header");
      if (!h) return probe_error{};
      std::uint64_t size = be32(h);
      const std::uint32_t type = be32(h + 4);
      std::uint64_t hsize = 8;
      if (size == 1) {
        const std::uint8_t* l = cx.need(off + 8, 8, "64-bit box size");
        if (!l) return probe_error{};
        size = be64(l);
        hsize = 16;
      } else if (size == 0) {
        size = end - off;  // to the end of the file
      }
      if (size < hsize) {
        cx.fail(probe_errc::malformed, "box '" + fourcc_text(type) + "' at offset " + std::to_string(off) + " claims " +
                                           std::to_string(size) + " bytes, less than its header");
        return probe_error{};
      }
      if (size > end - off) {
        // Any top-level box, mdat included, wherever moov is (docs/spec.md section 9, "Truncated media"):
        // a cut mdat is a damaged upload even when moov is whole. (Size 0, "to the end", never gets here.)
        cx.fail(probe_errc::truncated, "box '" + fourcc_text(type) + "' at offset " + std::to_string(off) + " claims " +
                                           std::to_string(size) + " bytes; the file has " + std::to_string(end - off) +
                                           " left: it runs past the end of the file");
        return probe_error{};
      }
      const std::uint64_t pb = off + hsize, pe = off + size;
      if (type == fourcc("ftyp") && !ftyp_seen) {
        ftyp_seen = true;
        const std::uint8_t* p = payload(pb, pe, 8, "ftyp");
        if (!p) return probe_error{};
        const std::uint32_t major = be32(p);
        for (int i = 0; i < 4; ++i) v.brand[static_cast<std::size_t>(i)] = static_cast<char>(p[i]);
        if (major == fourcc("heic") || major == fourcc("heix") || major == fourcc("mif1") || major == fourcc("msf1") ||
            major == fourcc("avif") || major == fourcc("avis")) {
          cx.fail(probe_errc::unsupported, "an HEIF/AVIF image (brand '" + fourcc_text(major) + "'), not a video");
          return probe_error{};
        }
        mov_brand = major == fourcc("qt  ");
      } else if (type == fourcc("moov") && !moov_seen) {
        moov_seen = true;
        v.moov_after_mdat = mdat_seen;
        if (!moov(pb, pe)) return probe_error{};
        // Not fragmented: everything is known, and the rest of the file is walked by its top-level
        // box headers only (one 8- or 16-byte header each, mdat skipped with a seek), to see that
        // none runs past the end.
      } else if (type == fourcc("moof") && moov_seen && v.fragmented) {
        moof_seen = true;
        if (!moof(pb, pe)) return probe_error{};
      } else if (type == fourcc("mdat")) {
        mdat_seen = true;
      }
      off += size;
    }
    if (!moov_seen) {
      cx.fail(probe_errc::malformed, "no movie box (moov) in the file");
      return probe_error{};
    }
    return finish(mov_brand);
  }

  std::variant<probe_error, image_probe, video_probe, audio_probe> finish(bool mov_brand) {
    v.format = mov_brand ? media_format::mov : media_format::mp4;
    track_facts* vt = nullptr;
    double longest = 0;
    const track_facts* partial = nullptr;  // a track whose length would come from sums cut at the bound
    for (std::size_t i = 0; i < ntracks; ++i) {
      track_facts& tr = tracks[i];
      if (tr.handler == fourcc("soun")) v.has_audio = true;
      if (!vt && tr.handler == fourcc("vide")) vt = &tr;
      if (tr.timescale == 0) continue;
      bool known = true;
      longest = std::max(longest, track_seconds(tr, known));
      if (!known && !partial) partial = &tr;
    }
    if (!vt) {
      cx.fail(probe_errc::unsupported, "no video track (no trak whose mdia/hdlr is 'vide')");
      return probe_error{};
    }
    if (vt->timescale == 0) {
      cx.fail(probe_errc::malformed, vt->has_mdhd ? "the video track's media header (mdhd) gives a timescale of 0"
                                                  : "the video track has no media header (mdhd): no timescale");
      return probe_error{};
    }
    if (!video_sample_entry(*vt)) return probe_error{};
    const bool mehd_known = v.fragmented && mehd_duration != 0 && movie_timescale != 0;
    const bool mvhd_usable = !v.fragmented && mvhd_known && movie_timescale != 0 && mvhd_duration != 0;
    if (mehd_known && (longest == 0 || partial)) {
      v.duration = static_cast<double>(mehd_duration) / movie_timescale;  // fragments without durations, or past the bound
    } else if (mvhd_usable) {
      v.duration = static_cast<double>(mvhd_duration) / movie_timescale;
    } else if (partial) {
      cx.fail(probe_errc::unsupported, "track " + std::to_string(partial->id) + " has more than " + std::to_string(max_table_entries) +
                                           " sample table entries (the work bound) and no " + (v.fragmented ? "mehd" : "mvhd or mdhd") +
                                           " gives the movie's duration");
      return probe_error{};
    } else {
      v.duration = longest;
    }
    if (v.fragmented && vt->capped) v.track_duration = v.duration;  // the movie's (mehd): the track's own sum stopped at the bound
    else
      v.track_duration = static_cast<double>(v.fragmented || vt->mdhd_duration == 0 ? vt->sample_time : vt->mdhd_duration) / vt->timescale;
    v.timescale = vt->timescale;
    v.width = vt->width;
    v.height = vt->height;
    set_rotation(*vt);
    std::uint64_t frames = vt->samples, time = vt->sample_time;
    if (vt->capped) {
      v.fps_estimated = true;
      if (vt->has_stsz && !v.fragmented && vt->stsz_count != 0 && vt->mdhd_duration != 0) frames = vt->stsz_count, time = vt->mdhd_duration;
    }
    // A probe that succeeds has a frame count, a frame rate and a duration: a video whose tables give
    // none of them is an error, never a result whose unknown values the validator would skip.
    if (frames == 0) {
      if (v.fragmented && !moof_seen)
        cx.fail(probe_errc::truncated, "a fragmented movie without any fragment (moof): the file ends after its header");
      else cx.fail(probe_errc::malformed, "the video track has no samples (no stts entries and no trun samples)");
      return probe_error{};
    }
    v.frames = frames;
    if (time == 0 && !v.fragmented && vt->mdhd_duration != 0) {  // every stts duration 0: mdhd's
      time = vt->mdhd_duration;
      v.fps_estimated = true;
    }
    if (time != 0) {
      v.fps = static_cast<double>(frames) * vt->timescale / static_cast<double>(time);
    } else if (v.duration > 0) {  // fragments whose samples have no durations: mehd's (or another track's) length
      v.fps = static_cast<double>(frames) / v.duration;
      v.fps_estimated = true;
    }
    if (!(v.fps > 0) || !std::isfinite(v.fps)) {
      cx.fail(probe_errc::malformed, "the video track's sample durations are all 0 and no duration is known: no frame rate");
      return probe_error{};
    }
    if (!(v.duration > 0) || !std::isfinite(v.duration)) {
      cx.fail(probe_errc::malformed, "the movie's duration is 0");
      return probe_error{};
    }
    v.variable_frame_rate = vt->runs.variable();
    return v;
  }

  /// The video track's coded size from its first sample entry; false (with an error) without one.
  bool video_sample_entry(const track_facts& tr) {
    using issue = track_facts::stsd_issue;
    switch (tr.stsd) {
      case issue::ok: return true;
      case issue::missing: return cx.fail(probe_errc::malformed, "the video track has no sample description (stsd)");
      case issue::no_entry: return cx.fail(probe_errc::malformed, "the video track's sample description (stsd) holds no entry");
      case issue::entry_overruns:
        return cx.fail(probe_errc::malformed, "the video track's first sample entry claims " + std::to_string(tr.stsd_entry) +
                                                  " bytes; its stsd box has " + std::to_string(tr.stsd_room) + " after the entry count");
      case issue::entry_too_short:
        return cx.fail(probe_errc::malformed, "the video track's first sample entry is " + std::to_string(tr.stsd_entry) +
                                                  " bytes, too short for a visual sample entry's width and height (36)");
      case issue::zero_size: break;
    }
    return cx.fail(probe_errc::malformed, "the video track's sample entry gives a width or height of 0");
  }

  /// A track's presented length: its edit list (movie timescale), else mdhd; fragments: the samples.
  /// `known` is cleared when that length would come from sums cut at the table bound (an edit list
  /// cut there is not used: mdhd's duration is).
  [[nodiscard]] double track_seconds(const track_facts& tr, bool& known) const noexcept {
    if (v.fragmented) {
      known = !tr.capped;
      return static_cast<double>(tr.sample_time) / tr.timescale;
    }
    if (tr.has_elst && !tr.elst_capped && movie_timescale != 0 && tr.elst_duration != 0)
      return static_cast<double>(tr.elst_duration) / movie_timescale;
    if (tr.mdhd_duration != 0) return static_cast<double>(tr.mdhd_duration) / tr.timescale;
    known = !tr.capped;
    return static_cast<double>(tr.sample_time) / tr.timescale;
  }

  void set_rotation(const track_facts& tr) noexcept {
    // x' = a x + c y, y' = b x + d y: the angle of the image of the x axis, clockwise on screen.
    const std::int64_t det = std::int64_t{tr.a} * tr.d - std::int64_t{tr.b} * tr.c;
    v.mirrored = det < 0;
    int deg = 0;
    if (tr.b == 0 && tr.c == 0) deg = tr.a >= 0 ? 0 : 180;
    else if (tr.a == 0 && tr.d == 0) deg = tr.b > 0 ? 90 : 270;
    else
      deg =
          static_cast<int>(std::lround(std::atan2(static_cast<double>(tr.b), static_cast<double>(tr.a)) * 2 / 3.14159265358979323846)) * 90;
    v.rotation = ((deg % 360) + 360) % 360;
  }
};

inline std::variant<probe_error, image_probe, video_probe, audio_probe> parse_bmff(context& cx) {
  bmff_state st(cx);
  return st.run();
}

}  // namespace seedance::detail::probe

#endif  // SEEDANCE_DETAIL_PROBE_BMFF_HPP
