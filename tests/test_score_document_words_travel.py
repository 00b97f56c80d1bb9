"""The document's words (``ScoreItem.known_names``, ``document_lowercase``) travel with a chunk to a pool
worker: a document pair scored on several processes checks names as one scored in this process does."""

from __future__ import annotations

import pickle

from mtreview.batch.tasks import ChunkJob
from mtreview.scoring import ScoreItem, score_batch


def test_the_documents_words_travel_with_a_chunk() -> None:
    known, lowercase = frozenset({"mvhta"}), frozenset({"turkey"})
    items = [ScoreItem(1, "Turkey is a bird we eat.", "Индейка — птица.", (), None, "en", "ru",
                       known_names=known, document_lowercase=lowercase),
             ScoreItem(2, "We roast a turkey.", "Мы запекаем индейку.", (), None, "en", "ru",
                       known_names=known, document_lowercase=lowercase)]
    back = pickle.loads(pickle.dumps(ChunkJob(items))).item_list()
    assert back == items
    # items of different documents keep their own
    mixed = [items[0], ScoreItem(3, "Один.", "One.", (), None, "ru", "en")]
    assert pickle.loads(pickle.dumps(ChunkJob(mixed))).item_list() == mixed
    # and the check reads them there: no names flag for the bird
    travelled = pickle.loads(pickle.dumps(ChunkJob(items[:1]))).item_list()
    assert not [f for f in score_batch(travelled)[0]["flags"] if f["name"] == "names"]
