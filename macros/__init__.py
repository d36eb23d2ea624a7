"""Learning briefs site: content model, validation and renderers for MkDocs.

This package is also the mkdocs-macros module (`module_name: macros`):
`define_env` only registers the macros that hand-written pages in docs/ use.
Loading, validation and rendering live in `content/` and `render/`, which
never import MkDocs; `mkdocs_glue.py` connects them to the build.
"""


def define_env(env) -> None:
    from .mkdocs_glue import STATE
    from .render import fragments

    def here() -> str:
        return env.page.file.src_uri

    @env.macro
    def latest_briefs(count: int = 5) -> str:
        """Cards for the newest briefs."""
        return fragments.latest_briefs(STATE.site, here(), count)

    @env.macro
    def theme_list() -> str:
        """Every theme, linked, with its number of briefs."""
        return fragments.theme_list(STATE.site, here())

    @env.macro
    def search_box() -> str:
        """A search form that leads to the search page."""
        return fragments.search_box(STATE.site, here())

    @env.macro
    def helplines() -> str:
        """The helplines from extra.site.helplines in mkdocs.yml."""
        return fragments.helplines(STATE.site, here())

    @env.macro
    def setting(name: str) -> str:
        """One value from extra.site in mkdocs.yml, such as setting("partnership")."""
        return fragments.setting(STATE.site, name)
