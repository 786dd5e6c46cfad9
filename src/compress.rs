//! Compressed output in independent pieces: each piece of bytes becomes a
//! gzip member (RFC 1952) or a zstd frame of its own. A concatenation of
//! members (of frames) is one valid stream that decompresses to the
//! concatenated bytes (what pigz and bgzip rely on), so the workers
//! compress their figures in parallel and the writer only copies.

use std::fmt;

/// How the output is compressed (see [`crate::Options::compression`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Compression {
    /// Plain bytes.
    #[default]
    None,
    /// gzip at a level in [`Compression::GZIP_LEVELS`].
    Gzip(u32),
    /// Zstandard at a level in [`Compression::ZSTD_LEVELS`].
    Zstd(i32),
}

impl Compression {
    /// The gzip levels accepted (as `gzip -1` … `gzip -9`).
    pub const GZIP_LEVELS: std::ops::RangeInclusive<u32> = 1..=9;
    /// The zstd levels accepted (as the `zstd` command without `--ultra`).
    pub const ZSTD_LEVELS: std::ops::RangeInclusive<i32> = 1..=19;
    /// The default gzip level, chosen by measurement (bench/RESULTS.md):
    /// the smallest files at which `.gz` keeps half of plain's speed.
    pub const GZIP_DEFAULT: u32 = 2;
    /// The default zstd level, chosen by measurement (bench/RESULTS.md):
    /// per-figure frames are as small at 1 as at 3, and faster.
    pub const ZSTD_DEFAULT: i32 = 1;

    /// An error when the level is out of its codec's range.
    pub fn check(self) -> Result<(), String> {
        match self {
            Compression::Gzip(l) if !Self::GZIP_LEVELS.contains(&l) => Err(format!(
                "gzip level {l}: use {} to {}",
                Self::GZIP_LEVELS.start(),
                Self::GZIP_LEVELS.end()
            )),
            Compression::Zstd(l) if !Self::ZSTD_LEVELS.contains(&l) => Err(format!(
                "zstd level {l}: use {} to {}",
                Self::ZSTD_LEVELS.start(),
                Self::ZSTD_LEVELS.end()
            )),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for Compression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Compression::None => f.write_str("none"),
            Compression::Gzip(l) => write!(f, "gzip level {l}"),
            Compression::Zstd(l) => write!(f, "zstd level {l}"),
        }
    }
}

/// Compresses pieces, one member or frame each, reusing its state: one
/// per thread.
pub(crate) enum Packer {
    /// The deflate state and the member header.
    Gzip(flate2::Compress, [u8; 10]),
    /// The zstd context and the frame's buffer.
    Zstd(Box<zstd::bulk::Compressor<'static>>, Vec<u8>),
}

/// gzip header: magic, deflate, no flags, no time; the extra flags say
/// "fastest" (4) or "best" (2) as gzip does; OS unknown (255).
fn gzip_header(level: u32) -> [u8; 10] {
    let xfl = match level {
        1 => 4,
        9 => 2,
        _ => 0,
    };
    [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 255]
}

impl Packer {
    /// `None` for [`Compression::None`]. The level must have passed
    /// [`Compression::check`].
    pub(crate) fn new(c: Compression) -> Option<Packer> {
        match c {
            Compression::None => None,
            Compression::Gzip(level) => Some(Packer::Gzip(
                flate2::Compress::new(flate2::Compression::new(level), false),
                gzip_header(level),
            )),
            Compression::Zstd(level) => Some(Packer::Zstd(
                Box::new(zstd::bulk::Compressor::new(level).expect("zstd level checked")),
                Vec::new(),
            )),
        }
    }

    /// Appends `data` to `out` as one gzip member or zstd frame.
    ///
    /// Compressing memory with a checked level cannot fail (the output
    /// grows as needed; a zstd frame gets its bound up front), so a failure
    /// is a bug and panics.
    pub(crate) fn pack(&mut self, data: &[u8], out: &mut Vec<u8>) {
        match self {
            Packer::Gzip(deflate, header) => {
                deflate.reset();
                out.extend_from_slice(header);
                // About a fifth of the input, for text; grown when short.
                out.reserve(data.len() / 4 + 64);
                loop {
                    let read = deflate.total_in() as usize;
                    let status = deflate
                        .compress_vec(&data[read..], out, flate2::FlushCompress::Finish)
                        .expect("deflate of memory");
                    if status == flate2::Status::StreamEnd {
                        break;
                    }
                    out.reserve(out.capacity().max(64 * 1024));
                }
                let mut crc = flate2::Crc::new();
                crc.update(data);
                out.extend_from_slice(&crc.sum().to_le_bytes());
                // ISIZE: the length modulo 2^32.
                out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            }
            Packer::Zstd(z, frame) => {
                frame.clear();
                frame.reserve(zstd::zstd_safe::compress_bound(data.len()));
                z.compress_to_buffer(data, frame).expect("zstd of memory");
                out.extend_from_slice(frame);
            }
        }
    }
}
