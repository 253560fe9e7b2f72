/* The matching half of the edition's search (the dialog is templates/assets/search.js).

   Reads the index written by edition/site/search.py (its docstring describes the files). A query is
   split into terms at every character that is not a letter or digit; each term is folded (both
   scripts to one form, Latin lowercased) and matched as a whole string through the positions of
   its bigrams; a passage must contain every term. A term that is a glossary form also finds that
   entry's other forms. Only when nothing contains the whole query are partial matches given.
   Exposes window.edSearch = {root, loadManifest, search, passage, foldChar}. */
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

  /* Postings of a bigram: Map doc -> Set of offsets; of a character: Map doc -> null. */
  function postings(key) {
    return bucket(key).then(function (shard) {
      var codes = shard.b[key] || [];
      var found = new Map();
      var doc = 0;
      for (var i = 0; i < codes.length;) {
        doc += codes[i++];
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

  /* Docs containing `chars` (folded) as a whole string. */
  function phraseDocs(chars) {
    var keys = chars.length === 1 ? chars : bigrams(chars);
    return Promise.all(keys.map(postings)).then(function (lists) {
      var docs = new Set();
      lists[0].forEach(function (offsets, doc) {
        if (chars.length === 1) {
          docs.add(doc);
          return;
        }
        for (var start of offsets) {
          var whole = lists.every(function (list, i) {
            var other = list.get(doc);
            return other && other.has(start + i);
          });
          if (whole) {
            docs.add(doc);
            return;
          }
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
      return {forms: Array.from(forms), entries: entries};
    });
  }

  function terms(query) {
    return query.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(function (term) {
      return Array.from(term).map(foldChar);
    });
  }

  /* Every term in every doc, each term through any of its forms; and the entries named. */
  function exactMatches(queryTerms) {
    return Promise.all(queryTerms.map(function (chars) {
      return synonyms(chars).then(function (found) {
        return Promise.all(found.forms.map(function (form) {
          return phraseDocs(Array.from(form));
        })).then(function (sets) {
          var docs = new Set();
          sets.forEach(function (set) {
            set.forEach(function (doc) { docs.add(doc); });
          });
          return {forms: found.forms, entries: found.entries, docs: docs, typed: sets[0]};
        });
      });
    })).then(function (perTerm) {
      // Passages with the forms as typed come first, then those with other forms; each in reading order.
      function other(doc) {
        return perTerm.every(function (term) { return term.typed.has(doc); }) ? 0 : 1;
      }
      var docs = Array.from(perTerm[0].docs).filter(function (doc) {
        return perTerm.every(function (term) { return term.docs.has(doc); });
      }).sort(function (a, b) { return other(a) - other(b) || a - b; });
      var entries = [];
      var seen = new Set();
      perTerm.forEach(function (term) {
        term.entries.forEach(function (entry) {
          if (!seen.has(entry[1])) {
            seen.add(entry[1]);
            entries.push(entry);
          }
        });
      });
      var forms = perTerm.map(function (term) { return term.forms; });
      return {docs: docs, entries: entries, forms: [].concat.apply([], forms)};
    });
  }

  /* Nothing holds the whole query: passages holding most of its pieces (bigrams of long terms,
     characters of two-character terms), best first. */
  function partialMatches(queryTerms) {
    var units = [];
    queryTerms.forEach(function (chars) {
      units = units.concat(chars.length > 2 ? bigrams(chars) : chars);
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

  function search(query) {
    var queryTerms = terms(query);
    if (!queryTerms.length) {
      return Promise.resolve(null);
    }
    return exactMatches(queryTerms).then(function (exact) {
      if (exact.docs.length) {
        return {query: query, hits: exact.docs, forms: exact.forms, entries: exact.entries, partial: false};
      }
      return partialMatches(queryTerms).then(function (partial) {
        return {query: query, hits: partial.docs, forms: partial.forms, entries: exact.entries, partial: true};
      });
    });
  }

  function passage(doc) {
    return fetchJSON("d/" + Math.floor(doc / manifest.chunk) + ".json").then(function (chunk) {
      return chunk[doc % manifest.chunk];
    });
  }

  /* The passage around its first match, with every match of any form marked. */
  window.edSearch = {root: ROOT, loadManifest: loadManifest, search: search, passage: passage, foldChar: foldChar};
})();
