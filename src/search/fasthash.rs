//! A small, fast hasher for the matcher's maps keyed by characters and term codes: the
//! default SipHash guards against hostile keys we do not have, at a cost paid per letter.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hash of rustc's `FxHasher`.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// [`FxHasher`] with its high bits turned down into the low ones when finished, for keys
/// that differ in their high half: a term key's low half is its second character, zero
/// for a unigram, and a multiply carries no high bit into the low bits a table picks its
/// bucket by, so every unigram began its search at the same bucket and walked the others'.
/// (The turn is the one `rustc-hash` 2 ends its hash with.)
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct SpreadHasher(FxHasher);

impl Hasher for SpreadHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0.write_u64(n);
    }
    fn finish(&self) -> u64 {
        self.0.finish().rotate_left(26)
    }
}

/// A `HashMap` keyed by values whose high bits tell them apart (term keys), with
/// [`SpreadHasher`].
pub(crate) type SpreadMap<K, V> = HashMap<K, V, BuildHasherDefault<SpreadHasher>>;

/// A map keyed by a text's characters, looked up at every character of a question: a bit
/// per character of the Basic Multilingual Plane says without hashing that most characters
/// begin nothing listed.
#[derive(Debug, Clone)]
pub(crate) struct CharMap<V> {
    map: FastMap<char, V>,
    listed: Vec<u64>,
}

/// Words of `CharMap::listed`: one bit for each character below U+10000.
const LISTED_WORDS: usize = 0x10000 / 64;

impl<V> Default for CharMap<V> {
    fn default() -> Self {
        CharMap {
            map: FastMap::default(),
            listed: vec![0; LISTED_WORDS],
        }
    }
}

impl<V> CharMap<V> {
    /// The value of a character, if it has one.
    #[inline]
    pub fn get(&self, c: &char) -> Option<&V> {
        let code = *c as u32;
        if code < 0x10000 && self.listed[(code >> 6) as usize] & (1 << (code & 63)) == 0 {
            return None;
        }
        self.map.get(c)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.map.values_mut()
    }
}

impl<V: Default> CharMap<V> {
    /// The value of a character, made empty when it has none yet.
    pub fn slot(&mut self, c: char) -> &mut V {
        let code = c as u32;
        if code < 0x10000 {
            self.listed[(code >> 6) as usize] |= 1 << (code & 63);
        }
        self.map.entry(c).or_default()
    }
}
