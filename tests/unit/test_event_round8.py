"""Events: talking to an audience, and other fixes of the eighth shown sample's error kinds.

Every text here is invented for the test; each assertion is one rule that could fail.
"""

from __future__ import annotations

from newsgraph.config import load_settings
from newsgraph.evaluation.events import _stages
from newsgraph.model import Article, Event, Published
from newsgraph.pipeline import annotate


def _events(text: str, *, date: str = "2021-03-10") -> list[Event]:
    base = load_settings()
    settings = base.with_overrides(stages=_stages(base))
    art = Article(id="t", text=text, title="", published=Published(date, "day", "input"))
    return list(annotate(art, settings).events)


def test_talking_to_an_audience_is_a_statement_not_a_consultation() -> None:
    evs = [e for e in _events("Prime Minister Ann Holt was talking to reporters in Paris on Monday.")
           if e.trigger.text == "talking"]
    assert evs and all(e.code == "010" for e in evs)
    # talking to another party is still a consultation
    evs = [e for e in _events("Prime Minister Ann Holt talked to President Jean Moreau of France on Monday.")
           if e.trigger.text == "talked"]
    assert evs and all(e.code.startswith("04") for e in evs)


def test_a_gallery_title_run_into_a_caption_gives_no_party() -> None:
    from newsgraph.events.labels import in_label, label_spans

    title = "Photos: In pictures: The Queen in Africa "
    text = (title + "The Queen and Prince Edward arrive at Nairobi airport on May 3. Hide Caption 1 of 3 "
            + title + "Schoolchildren greet the Queen in Mombasa. Hide Caption 2 of 3 "
            + title + "Prince Edward visits a clinic in Kampala on May 7. Hide Caption 3 of 3")
    spans = label_spans(text)
    assert any(text[a:b] == title.strip() for a, b in spans)
    africa = text.index("Africa")
    assert in_label(text, africa, africa + 6, text.index("arrive"))
    evs = _events(text)
    assert evs  # the captions' acts are still coded
    for e in evs:
        for p in (e.source, e.target):
            assert p is None or not in_label(text, p.start, p.end, e.trigger.start)


def test_a_single_marker_or_ordinary_colon_is_no_label() -> None:
    from newsgraph.events.labels import label_spans

    assert label_spans("Photos: The minister visits Rome. Later she met the mayor.") == ()
    text = "Video: leaders met in Oslo on Monday. Video: leaders met in Oslo on Monday."
    assert all("Monday" not in text[a:b] for a, b in label_spans(text))  # the same words all the way


def test_a_video_player_line_is_a_label() -> None:
    from newsgraph.events.labels import label_spans

    text = "He spoke.\nJUST WATCHED Minister: Chile is a friend Replay More Videos ... MUST WATCH 01:04\nIn talks."
    (a, b), = label_spans(text)
    assert text[a:b].startswith("JUST WATCHED") and text[a:b].endswith("01:04")


def test_a_present_act_beside_today_is_the_days_news() -> None:
    text = ("The talks could decide the dispute. What happens today matters a great deal. Prime Minister "
            "Ann Holt meets with President Jean Moreau of France as her party seeks a new deal. Union "
            "leaders will gather tomorrow to discuss the offer.")
    evs = [e for e in _events(text, date="2021-03-10") if e.trigger.text == "meets"]
    assert evs and all(e.date is not None and e.date.value == "2021-03-10" for e in evs)
    # a caption's scene with no day around it stays undated
    text = ("A week of visits. Prime Minister Ann Holt meets with President Jean Moreau of France at the "
            "palace. Crowds line the streets of the old town.")
    evs = [e for e in _events(text, date="2021-03-10") if e.trigger.text == "meets"]
    assert evs and all(e.date is None for e in evs)


def test_the_side_led_to_war_is_not_the_enemy() -> None:
    evs = [e for e in _events("President Ana Ruiz took Chile to war with Peru in 1979.") if e.trigger.text == "took"]
    assert evs and all(e.code.startswith("19") for e in evs)
    assert not any(e.target is not None and e.target.actor == "CHL" for e in evs)
    assert any(e.target is not None and e.target.actor == "PER" for e in evs)


def test_a_projected_scenario_is_hypothetical() -> None:
    from newsgraph.clauses import clauses
    from newsgraph.nlp.spacy_model import load_nlp

    nlp = load_nlp()

    def modality(text: str, word: str) -> str:
        doc = nlp(text)
        tok = next(t for t in doc if t.text == word)
        return str(clauses(doc).clause_of(tok).modality.value)

    assert modality("The logical conclusion is Prime Minister Ann Holt attending the summit.", "attending") \
        == "hypothetical"
    assert modality("The likeliest outcome is the president meeting the rebels next week.", "meeting") \
        == "hypothetical"
    # a past result is told as fact
    assert modality("The outcome was the president meeting the rebels in Paris.", "meeting") != "hypothetical"


def test_the_span_up_to_now_dates_no_event() -> None:
    evs = [e for e in _events("President Ana Ruiz has visited Peru twice over the past year.")
           if e.trigger.text == "visited"]
    assert evs and all(e.date is None for e in evs)
    evs = [e for e in _events("President Ana Ruiz visited Peru last year.") if e.trigger.text == "visited"]
    assert evs and all(e.date is not None and e.date.value == "2020" for e in evs)


def test_a_past_act_at_a_named_occasion_is_not_dated_by_the_publication_day() -> None:
    said = "President Ana Ruiz said on Wednesday that trade talks had stalled. "
    evs = [e for e in _events(said + "Ruiz met Prime Minister Tom Reed of Peru at the G20 summit in Osaka.")
           if e.trigger.text == "met"]
    assert evs and all(e.date is None for e in evs)
    # without an occasion the running day still dates it
    evs = [e for e in _events(said + "Ruiz met Prime Minister Tom Reed of Peru in Lima.") if e.trigger.text == "met"]
    assert evs and all(e.date is not None and e.date.value == "2021-03-10" for e in evs)


def test_a_group_gathering_in_an_appositive_takes_no_clause_subjects() -> None:
    text = ("President Ana Ruiz and Prime Minister Tom Reed signed the pact in Lima, the host city of this "
            "year's Group of 20 meetings.")
    assert not [e for e in _events(text) if e.trigger.text == "meetings"]


def test_a_group_named_summit_is_apart_from_the_clause() -> None:
    from newsgraph.events.walk import apart_from_clause
    from newsgraph.nlp.spacy_model import load_nlp

    doc = load_nlp()("The two presidents will attend the NATO summit.")
    summit = next(t for t in doc if t.text == "summit")
    assert apart_from_clause(summit, summit.head)
    doc = load_nlp()("The two presidents will attend the summit.")
    summit = next(t for t in doc if t.text == "summit")
    assert not apart_from_clause(summit, summit.head)
