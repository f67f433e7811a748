"""Every setting is in README.md's settings table, with its environment variable."""

from app.config import PROJECT_ROOT, Settings


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        variables = getattr(alias, "choices", [name.upper()])
        if not any(f"| `{variable}` |" in readme for variable in variables):
            missing.append(name)
    assert missing == []
