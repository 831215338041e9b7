"""Precision mechanisms of the event coder on invented sentences (issue 10): economic and natural
senses of force verbs, visits and hosting that need a traveller or guest, releases and returns of
captives, signings of agreements, "can" as a modal of possibility, adjectives of disposition
("keen to"), and acts not told as happening never kept as a sentence's best event."""

from __future__ import annotations

from newsgraph.config import load_settings
from newsgraph.evaluation.events import _stages
from newsgraph.model import Article, Event, Published
from newsgraph.pipeline import annotate


def _events(text: str) -> list[Event]:
    base = load_settings()
    settings = base.with_overrides(stages=_stages(base))
    art = Article(id="t", text=text, title="", published=Published("2016-10-12", "day", "input"))
    return list(annotate(art, settings).events)


def _roots(text: str) -> set[str]:
    return {e.code[:2] for e in _events(text)}


def test_force_verbs_with_market_or_weather_arguments_are_no_attack() -> None:
    assert not {"17", "18", "19", "20"} & _roots("Falling share prices hit markets across Asia on Monday.")
    assert not {"17", "18", "19", "20"} & _roots("A winter storm targets the coast with heavy snow.")
    assert not {"17", "18", "19", "20"} & _roots("The new budget targets 40 percent of pensioners.")
    assert "19" in _roots("Russian troops attacked the city of Kharkiv on Monday.")


def test_share_prices_closing_is_no_closure() -> None:
    assert "17" not in _roots("The shares closed down 247p at 1115 pence in London.")


def test_an_award_going_to_someone_or_hosting_a_show_is_no_visit() -> None:
    assert "04" not in _roots("The special award went to two Scottish film producers.")
    assert "04" not in _roots("The comedian Jack Dee hosted the awards show in London.")
    assert "04" not in _roots("The president arrived in power after the election.")
    assert any(e.code == "043" for e in _events("Vice President Mike Pence hosted Irish Prime Minister Leo Varadkar."))


def test_returns_and_releases_need_a_captive() -> None:
    assert "08" not in _roots("The firm returned to profit in September.")
    assert "08" not in _roots("Microsoft released the new software in May.")
    assert any(e.code.startswith("084") for e in _events("Iran released three American prisoners on Friday."))


def test_signing_needs_an_agreement() -> None:
    assert "05" not in _roots("Governor Mike Pence signed the bill on Tuesday.")
    assert "05" not in _roots("The first 50,000 customers signed up for the service.")
    assert any(e.code == "057" for e in _events("Russia and China signed a trade agreement in Beijing."))


def test_can_is_a_modal_of_possibility() -> None:
    from newsgraph.clauses.words import words

    assert words().has("hypothetical_aux", "can")
    assert not _events("The fans can complain to the club about the tickets.")


def test_a_disposition_towards_no_event_is_no_event() -> None:
    assert not _events("The telecom firm is keen to provide extra services to its customers.")
    assert not _events("The opposition leader is eager to map out some clear policies.")


def test_a_hypothetical_act_is_not_kept_as_the_best_event_of_its_sentence() -> None:
    assert not _events("It is not known whether the two shareholders would support the bid.")
    assert not _events("Critics say the plan could threaten the peace process in the region.")
    neg = _events("The Home Office said it could not comment on individual cases.")
    assert neg and all(e.negated for e in neg)  # a negated act stays, flagged


def test_meeting_a_rule_or_applause_is_no_meeting() -> None:
    assert "04" not in _roots("The chancellor said he had met his golden rule with a surplus.")
    assert "04" not in _roots("Her comments were met with sustained applause.")
    assert "040" in {e.code for e in _events("Vladimir Putin met Angela Merkel in Berlin on Monday.")}


def test_a_press_conference_is_a_statement_not_a_meeting() -> None:
    codes = {e.code for e in _events("The prime minister held a press conference in London on Monday.")}
    assert "010" in codes and "040" not in codes


def test_business_senses_of_funding_and_offers_are_no_cooperation() -> None:
    assert not _events("The telecom firm will fund the deal by selling shares.")
    assert "03" not in _roots("Investors snapped up shares after the initial public offer.")
    assert "10" not in _roots("Analysts warned about weak consumer demand in Korea.")
    assert "19" not in _roots("The party leader fired up his campaign from the headquarters.")
    assert any(e.code.startswith("03") for e in _events("The United States will fund the Afghan government."))


def test_threats_and_allowances_need_an_actor_subject() -> None:
    assert "13" not in _roots("A growing controversy over the payments threatened his campaign.")
    assert "08" not in _roots("The online game allows players to trade virtual items.")
    assert "15" not in _roots("The video reinforces the belief that he will win.")
    assert "13" in _roots("Russia threatened Ukraine with sanctions on Monday.")
    assert "154" in {e.code for e in _events("NATO reinforced its eastern flank on Monday.")}


def test_a_headline_the_body_repeats_is_coded_once() -> None:
    base = load_settings()
    settings = base.with_overrides(stages=_stages(base))
    title = "Russian troops attack the city of Kharkiv"
    body = f"Officials counted the damage on Monday. {title}. Residents fled. {title}. Shops stayed shut."
    art = Article(id="t", text=f"{title}\n\n{body}", title=title, published=Published("2016-10-12", "day", "input"))
    attacks = [e for e in annotate(art, settings).events if e.code[:2] == "19"]
    assert attacks and all(e.trigger.start < len(title) for e in attacks)  # the headline's, not the copies'
    # the same sentence twice in the body is two reports of it (a lead and its recap): both coded
    line = "Russian troops attacked the city of Kharkiv on Monday."
    assert len([e for e in _events(f"{line} Officials counted the damage. {line}") if e.code[:2] == "19"]) >= 2
