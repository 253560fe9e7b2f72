/* The matching half of the edition's search (the dialog is templates/assets/search.js).

   Reads the index written by edition/site/search.py (its docstring describes the files). A query is
   split into terms at every character that is not a letter or digit; each term is folded (both
   scripts to one form, Latin lowercased) and matched as a whole string through the positions of
   its bigrams; a passage must contain every term. A term that is a glossary form also finds that
   entry's other forms and every passage the glossary stage found mentioning the entry; a run of
   Latin words that names entries (search/names.json: Stalin, Chiang Kai-shek, Yalta) finds their
   forms and mentions the same way. Passages are ranked by how well they match (hits of the form
   typed, fewer for another form, saturated; more in a heading or under a chapter title that holds
   the term), then in reading order. Only when nothing contains the whole query are partial
   matches given, with the glossary name one character away, if any ("did you mean").
   Exposes window.edSearch = {root, loadManifest, search, passage, foldChar, chapterOf}. */
(function () {
  "use strict";

  var ROOT = new URL("../", document.currentScript.src);   // this script is <root>/assets/search-index.js
  var INDEX = new URL("search/", ROOT);
  var files = {};
  var manifest = null;
  var fold = {};

  function fetchJSON(path) {
    if (!files[path]) {
      files[path] = fetch(new URL(path, INDEX)).then(function (response) {
        if (!response.ok) {
          throw new Error(path + ": " + response.status);
        }
        return response.json();
      });
    }
    return files[path];
  }

  function loadManifest() {
    return fetchJSON("manifest.json").then(function (data) {
      if (!manifest) {
        manifest = data;
        var pairs = Array.from(data.fold);
        for (var i = 0; i < pairs.length; i += 2) {
          fold[pairs[i]] = pairs[i + 1];
        }
      }
      return manifest;
    });
  }

  function foldChar(char) {
    var lower = char.toLowerCase();
    if (Array.from(lower).length === 1) {
      char = lower;
    }
    return fold[char] || char;
  }

  function fnv1a(key) {
    var hash = 0x811c9dc5;
    for (var char of key) {
      hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
    }
    return hash;
  }

  function bucket(key) {
    return fetchJSON("b/" + (fnv1a(key) % manifest.buckets) + ".json");
  }

  /* Postings of a bigram: Map doc -> Set of offsets; of a character: Map doc -> null; of an entry
     (`@<id>`) or a Latin name (`~<key>`): Map doc -> how many times it is named there. */
  function postings(key) {
    return bucket(key).then(function (shard) {
      var codes = shard.b[key] || [];
      var found = new Map();
      var doc = 0;
      var mentions = key.charAt(0) === "@" || key.charAt(0) === "~";
      for (var i = 0; i < codes.length;) {
        doc += codes[i++];
        if (mentions) {
          found.set(doc, codes[i++]);
          continue;
        }
        if (Array.from(key).length === 1) {
          found.set(doc, null);
          continue;
        }
        var count = codes[i++];
        var offsets = new Set();
        var offset = 0;
        for (var k = 0; k < count; k++) {
          offset = k === 0 ? codes[i++] : offset + codes[i++];
          offsets.add(offset);
        }
        found.set(doc, offsets);
      }
      return found;
    });
  }

  function bigrams(chars) {
    var keys = [];
    for (var i = 0; i + 1 < chars.length; i++) {
      keys.push(chars[i] + chars[i + 1]);
    }
    return keys;
  }

  /* Docs containing `chars` (folded) as a whole string: Map doc -> how many times (a single
     character counts once). */
  function phraseDocs(chars) {
    var keys = chars.length === 1 ? chars : bigrams(chars);
    return Promise.all(keys.map(postings)).then(function (lists) {
      var docs = new Map();
      lists[0].forEach(function (offsets, doc) {
        if (chars.length === 1) {
          docs.set(doc, 1);
          return;
        }
        var count = 0;
        for (var start of offsets) {
          var whole = lists.every(function (list, i) {
            var other = list.get(doc);
            return other && other.has(start + i);
          });
          count += whole ? 1 : 0;
        }
        if (count) {
          docs.set(doc, count);
        }
      });
      return docs;
    });
  }

  /* A term's other forms, from the glossary's synonym groups found at each of its bigrams
     (members are written as the texts write them: they are folded here, like the query). */
  function synonyms(chars) {
    var keys = bigrams(chars);
    return Promise.all(keys.map(bucket)).then(function (shards) {
      var forms = new Set([chars.join("")]);
      var entries = [];
      shards.forEach(function (shard, i) {
        (shard.s[keys[i]] || []).forEach(function (group) {
          var members = group.m.map(function (member) { return Array.from(member).map(foldChar).join(""); });
          members.forEach(function (member) {
            var memberChars = Array.from(member);
            if (chars.slice(i, i + memberChars.length).join("") !== member) {
              return;
            }
            if (i === 0 && memberChars.length === chars.length) {
              entries = entries.concat(group.e);
            }
            members.forEach(function (other) {
              forms.add(chars.slice(0, i).join("") + other + chars.slice(i + memberChars.length).join(""));
            });
          });
        });
      });
      var others = Array.from(forms).slice(1);
      return {literal: [chars.join("")], variants: others.filter(function (form) { return variantOf(chars, form); }),
              forms: others.filter(function (form) { return !variantOf(chars, form); }), entries: entries};
    });
  }

  /* The same name spelled with one other character (雅爾達, 雅爾塔: a transliteration), not another name. */
  function variantOf(chars, form) {
    var other = Array.from(form);
    return other.length === chars.length && other.filter(function (char, i) { return char !== chars[i]; }).length === 1;
  }

  /* ---- Latin names (search/names.json, read only when a query has Latin letters or finds nothing) ---- */

  function loadNames() {
    return fetchJSON("names.json");
  }

  function latinWords(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function isLatin(word) {
    return /[\p{Script=Latin}\p{Script=Cyrillic}]/u.test(word) && !/\p{Script=Han}/u.test(word);
  }

  /* A run of Latin words that names entries (the longest from the left): its literal words, and the
     forms the texts write for those entries. */
  function latinTerm(words, names) {
    for (var end = words.length; end > 0; end--) {
      var key = words.slice(0, end).map(function (word) { return latinWords(word).join(""); }).join("");
      var ids = names.latin[key];
      if (ids) {
        var forms = new Set();
        var entries = ids.map(function (id) {
          var entry = names.entries[id];
          entry[2].forEach(function (form) { forms.add(Array.from(form).map(foldChar).join("")); });
          return [entry[0], entry[1], id];
        });
        var literal = words.slice(0, end).map(function (word) { return Array.from(word).map(foldChar).join(""); });
        return {length: end, term: {literal: literal, key: key, variants: Array.from(forms), forms: [], entries: entries}};
      }
    }
    return null;
  }

  function terms(query) {
    var words = query.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    var latin = words.some(isLatin);
    return (latin ? loadNames() : Promise.resolve(null)).then(function (names) {
      var found = [];
      for (var i = 0; i < words.length;) {
        var run = 0;                // Latin words, and numbers among them ("Secret Protocol of 1924")
        while (names && isLatin(words[i]) && i + run < words.length &&
               (isLatin(words[i + run]) || /^\p{N}+$/u.test(words[i + run]))) {
          run++;
        }
        var named = run ? latinTerm(words.slice(i, i + run), names) : null;
        if (named) {
          found.push(Promise.resolve(named.term));
          i += named.length;
        } else {
          found.push(synonyms(Array.from(words[i]).map(foldChar)));
          i += 1;
        }
      }
      return Promise.all(found);
    });
  }

  /* ---- ranking ---- */

  var OTHER_NAME = 0.5;     // another name of the entry (蔣介石 for 蔣中正), or a mention only: never as good as the name typed
  var HEADING = 1.5;        // the term in a heading passage
  var CHAPTER = 0.5;        // the term in the chapter's title

  function saturate(count) {   // BM25's term frequency (k1 = 0.5): the second hit adds a fifth, the third less
    return count ? count * 1.5 / (count + 0.5) : 0;
  }

  function union(lists) {
    var hits = new Map();
    lists.forEach(function (docs) {
      docs.forEach(function (count, doc) { hits.set(doc, (hits.get(doc) || 0) + count); });
    });
    return hits;
  }

  /* A term's passages: Map doc -> how well it holds the term. Hits of the name as typed (all the
     phrases of the literal) or of a variant spelling count fully; hits of the entry's other names,
     or its mentions the glossary stage found in any form, count at most OTHER_NAME of what one hit
     of the name as typed counts. */
  function termHits(term) {
    function phrases(list) {
      return Promise.all(list.map(function (phrase) { return phraseDocs(Array.from(phrase)); }));
    }
    var mentions = Promise.all(term.entries.map(function (entry) { return postings("@" + entry[2]); }));
    // A Latin name's own passages are listed whole (`~<key>`): its words' bigrams are never fetched.
    var literal = term.key ? postings("~" + term.key).then(function (docs) { return [docs]; }) : phrases(term.literal);
    return Promise.all([literal, phrases(term.variants), phrases(term.forms), mentions])
      .then(function (found) {
        var close = union(found[1]);
        found[0][0].forEach(function (count, doc) {
          var least = Math.min.apply(null, found[0].map(function (docs) { return docs.get(doc) || 0; }));
          close.set(doc, (close.get(doc) || 0) + least);
        });
        close.forEach(function (count, doc) {
          if (!count) {
            close.delete(doc);
          }
        });
        var other = union(found[2]);
        union(found[3]).forEach(function (count, doc) { other.set(doc, Math.max(other.get(doc) || 0, count)); });
        var hits = new Map();
        new Set(Array.from(close.keys()).concat(Array.from(other.keys()))).forEach(function (doc) {
          hits.set(doc, saturate(close.get(doc) || 0) + OTHER_NAME * saturate(other.get(doc) || 0) / 1.5);
        });
        return hits;
      });
  }

  /* The chapter a passage stands in: chapters list their first passage (`f`), in reading order. */
  function chapterOf(doc) {
    var chapters = manifest.chapters;
    var low = 0;
    var high = chapters.length - 1;
    while (low < high) {
      var middle = Math.ceil((low + high) / 2);
      if (chapters[middle].f <= doc) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return chapters[low];
  }

  function foldedLabel(chapter) {
    if (chapter.folded === undefined) {
      chapter.folded = Array.from(chapter.l).map(foldChar).join("");
    }
    return chapter.folded;
  }

  /* How well a passage matches: each term's weighted hits (saturated), more where a term stands in
     a heading or in the chapter's title. */
  function rank(doc, perTerm, formsOf) {
    var label = foldedLabel(chapterOf(doc));
    var heading = headings().has(doc);
    var total = 0;
    perTerm.forEach(function (hits, i) {
      total += hits.get(doc) + (heading ? HEADING : 0);
      if (formsOf[i].some(function (form) { return label.indexOf(form) >= 0; })) {
        total += CHAPTER;
      }
    });
    return total;
  }

  function headings() {
    if (!manifest.headingSet) {
      manifest.headingSet = new Set(manifest.headings);
    }
    return manifest.headingSet;
  }

  /* Every term in every doc, each term through any of its forms, best first; and the entries named. */
  function exactMatches(queryTerms) {
    return Promise.all(queryTerms.map(termHits)).then(function (perTerm) {
      var formsOf = queryTerms.map(function (term) { return term.literal.concat(term.variants, term.forms); });
      var scored = Array.from(perTerm[0].keys()).filter(function (doc) {
        return perTerm.every(function (hits) { return hits.has(doc); });
      }).map(function (doc) {
        return [doc, rank(doc, perTerm, formsOf)];
      }).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      var entries = [];
      var seen = new Set();
      queryTerms.forEach(function (term) {
        term.entries.forEach(function (entry) {
          if (!seen.has(entry[1])) {
            seen.add(entry[1]);
            entries.push(entry);
          }
        });
      });
      return {docs: scored.map(function (pair) { return pair[0]; }), entries: entries,
              forms: [].concat.apply([], formsOf)};
    });
  }

  /* Nothing holds the whole query: passages holding most of its pieces (bigrams of long terms,
     characters of two-character terms), best first. */
  function partialMatches(queryTerms) {
    var units = [];
    queryTerms.forEach(function (term) {
      term.literal.forEach(function (phrase) {
        var chars = Array.from(phrase);
        units = units.concat(chars.length > 2 ? bigrams(chars) : chars);
      });
    });
    units = Array.from(new Set(units));
    var needed = units.length <= 2 ? units.length : Math.ceil(units.length / 2);
    return Promise.all(units.map(function (unit) {
      return postings(unit);
    })).then(function (lists) {
      var score = new Map();
      lists.forEach(function (list) {
        list.forEach(function (offsets, doc) { score.set(doc, (score.get(doc) || 0) + 1); });
      });
      var docs = Array.from(score.keys()).filter(function (doc) { return score.get(doc) >= needed; });
      docs.sort(function (a, b) { return score.get(b) - score.get(a) || a - b; });
      return {docs: docs, forms: units};
    });
  }

  /* ---- "did you mean" ---- */

  /* True when `a` becomes `b` by changing, adding or dropping one character (code points). */
  function oneApart(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a.join("") === b.join("")) {
      return false;
    }
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) {
      i++;
    }
    var skipA = a.length >= b.length ? 1 : 0;
    var skipB = b.length >= a.length ? 1 : 0;
    return a.slice(i + skipA).join("") === b.slice(i + skipB).join("");
  }

  /* The glossary name (in the site's script) one character away from the query, if any: a
     substituted character for a Chinese query; for a Latin one also a character missing or too many. */
  function suggestion(query) {
    return loadNames().then(function (names) {
      var typed = Array.from(query.trim()).map(foldChar);
      var latin = isLatin(query);
      if (typed.length < (latin ? 4 : 2)) {
        return null;
      }
      return names.near.find(function (name) {
        var near = Array.from(name).map(foldChar);
        return latin ? oneApart(typed, near) : near.length === typed.length && oneApart(typed, near);
      }) || null;
    });
  }

  function search(query) {
    return terms(query).then(function (queryTerms) {
      if (!queryTerms.length) {
        return null;
      }
      return exactMatches(queryTerms).then(function (exact) {
        if (exact.docs.length) {
          return {query: query, hits: exact.docs, forms: exact.forms, entries: exact.entries, partial: false};
        }
        return Promise.all([partialMatches(queryTerms), suggestion(query)]).then(function (found) {
          return {query: query, hits: found[0].docs, forms: found[0].forms, entries: exact.entries, partial: true,
                  suggestion: found[1]};
        });
      });
    });
  }

  function passage(doc) {
    return fetchJSON("d/" + Math.floor(doc / manifest.chunk) + ".json").then(function (chunk) {
      return chunk[doc % manifest.chunk];
    });
  }

  /* The passage around its first match, with every match of any form marked. */
  window.edSearch = {root: ROOT, loadManifest: loadManifest, search: search, passage: passage, foldChar: foldChar,
                     chapterOf: chapterOf};
})();
