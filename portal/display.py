"""Display settings people choose for themselves: text size and contrast.

Kept in cookies and applied on the server as classes on ``<html>``, so they work with
JavaScript off and from the very first paint.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

TEXT_SIZE_COOKIE = "display_text_size"
CONTRAST_COOKIE = "display_contrast"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365

TEXT_SIZES = {"standard": _("Standard"), "large": _("Large"), "largest": _("Largest")}
CONTRASTS = {"standard": _("Standard colours"), "high": _("High contrast (yellow on black)")}


@dataclass(frozen=True)
class DisplayPreferences:
    text_size: str = "standard"
    contrast: str = "standard"

    @classmethod
    def from_request(cls, request) -> "DisplayPreferences":
        text_size = request.COOKIES.get(TEXT_SIZE_COOKIE, "standard")
        contrast = request.COOKIES.get(CONTRAST_COOKIE, "standard")
        # Anything unexpected in a cookie falls back to the default rather than reaching a page.
        return cls(
            text_size=text_size if text_size in TEXT_SIZES else "standard",
            contrast=contrast if contrast in CONTRASTS else "standard",
        )

    @property
    def html_classes(self) -> str:
        classes = []
        if self.text_size != "standard":
            classes.append(f"text-{self.text_size}")
        if self.contrast != "standard":
            classes.append(f"contrast-{self.contrast}")
        return " ".join(classes)


class DisplaySettingsForm(forms.Form):
    text_size = forms.ChoiceField(
        label=_("Text size"), choices=TEXT_SIZES.items(), widget=forms.RadioSelect
    )
    contrast = forms.ChoiceField(
        label=_("Colours"), choices=CONTRASTS.items(), widget=forms.RadioSelect
    )


def display_preferences(request):
    """Context processor: the visitor's display settings for ``base.html``."""
    return {"display": DisplayPreferences.from_request(request)}
