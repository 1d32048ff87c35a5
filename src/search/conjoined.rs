//! Fields asked together: 「開催場所と開催日を教えてください」 asks the place as well as the
//! date, though the request follows only the date; 「場所と日付を正確に知りたい」 asks both,
//! though an adverb stands between their particle and the request.
//!
//! Two readings the one-field rules of `field` miss, both of Japanese grammar:
//! - a field's words that are the object of a request (joined to it by particles ending in
//!   を) are asked even when a short adverb stands between (「日付を正確に知りたい」,
//!   「時間をざっくり教えて」), not a verb of its own (「非公式を含めて教えて」);
//! - a field's noun joined by a coordinating particle (と, や) to what follows (another
//!   field's words, or a comma) is asked when what it is joined to is: a field asked, a
//!   request or an interrogative after it (「正しい場所と、なんで選ばれたのかも教えて」,
//!   「中止の理由と、接触はあったのかを教えて」).

use super::asked::{Found, Prepared};
use crate::knowledge::ask::Asked;

/// Characters of adverb that may stand between a request's object particle (を) and the
/// request (「を正確に知りたい」, 「を合わせて教えて」).
const ADVERB_CHARS: usize = 6;
/// Characters after a coordinating particle within which what the coordination is asked
/// by must begin (a clause or two, not the rest of a long question).
const COORDINATED_CHARS: usize = 40;

/// The particles that say how fields are asked together, folded.
#[derive(Debug, Default)]
pub(crate) struct Conjoined {
    /// Coordinating particles between nouns (と, や).
    pub coordinators: Vec<char>,
    /// The particle that marks the object of a verb (を).
    pub objects: Vec<char>,
    /// The ends of a verb's conjunctive form (て, で): an object before such a verb is its
    /// own (「非公式を含めて教えて」 asks nothing of the format), not the request's.
    pub conjunctive: Vec<char>,
}

impl Conjoined {
    /// The fields `found` that are asked by coordination or as a request's object, beyond
    /// those `asked` already holds (the indices of `found`, each asked or not).
    pub fn also_asked(
        &self,
        found: &[Found],
        asked: &mut [bool],
        requests: &[Found],
        lending: &[Found],
        links: &[char],
        q: &Prepared,
    ) -> Vec<Asked> {
        let mut more = Vec::new();
        let mut order: Vec<usize> = (0..found.len()).filter(|&i| !found[i].english).collect();
        // From the last: in 「AとBとCを教えて」 C is asked, then B, then A.
        order.sort_by_key(|&i| std::cmp::Reverse(found[i].start));
        for i in order {
            if asked[i] {
                continue;
            }
            let f = &found[i];
            if self.object_of_request(f, found, requests, links, q)
                || self.coordinated(f, found, asked, requests, lending, q)
            {
                asked[i] = true;
                more.push(f.asked);
            }
        }
        more
    }

    /// 「日付を正確に知りたい」: the field's words, particles ending in を, then within a
    /// few characters of the same clause a request, no other field's words between.
    fn object_of_request(
        &self,
        f: &Found,
        found: &[Found],
        requests: &[Found],
        links: &[char],
        q: &Prepared,
    ) -> bool {
        let mut at = f.end();
        let mut object = false;
        while at < q.len()
            && !q.breaks_before(at)
            && q.char_at(at).is_some_and(|c| links.contains(&c))
        {
            object = q.char_at(at).is_some_and(|c| self.objects.contains(&c));
            at += 1;
        }
        if !object {
            return false;
        }
        requests.iter().any(|w| {
            !w.english
                && w.start >= at
                && w.start - at <= ADVERB_CHARS
                && (at..=w.start).all(|i| !q.breaks_before(i))
                && !(at..w.start).any(|i| {
                    q.hiragana_at(i) && q.char_at(i).is_some_and(|c| self.conjunctive.contains(&c))
                })
                && !found
                    .iter()
                    .any(|g| !g.english && g.start >= at && g.start < w.start)
        })
    }

    /// 「場所と日付を教えて」, 「理由と、…を教えて」: a noun (its last character not
    /// hiragana) right before a coordinating particle, which another field's words or a
    /// comma follow; asked when a field asked, a request or an interrogative follows
    /// within a clause or two.
    fn coordinated(
        &self,
        f: &Found,
        found: &[Found],
        asked: &[bool],
        requests: &[Found],
        lending: &[Found],
        q: &Prepared,
    ) -> bool {
        let at = f.end();
        let noun = at > 0 && !q.hiragana_at(at - 1);
        let coordinator = !q.breaks_before(at)
            && q.hiragana_at(at)
            && q.char_at(at)
                .is_some_and(|c| self.coordinators.contains(&c));
        if !(noun && coordinator) {
            return false;
        }
        let next = at + 1;
        if !(q.breaks_before(next) || found.iter().any(|g| !g.english && g.start == next)) {
            return false;
        }
        let within = |start: usize| start >= next && start - next <= COORDINATED_CHARS;
        found
            .iter()
            .zip(asked)
            .any(|(g, &a)| a && !g.english && within(g.start))
            || requests
                .iter()
                .chain(lending)
                .any(|w| !w.english && within(w.start))
    }
}
