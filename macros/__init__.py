"""Learning briefs site: content model, validation and renderers for MkDocs.

This package is also the mkdocs-macros module (`module_name: macros`):
`define_env` only registers the macros that hand-written pages in docs/ use.
Loading, validation and rendering live in `content/` and `render/`, which
never import MkDocs; `plugin.py` connects them to the build.
"""


def define_env(env) -> None:
    from .plugin import plugin_of
    from .render import fragments

    def site():
        # The current build's, looked up when a page is rendered: each build has its own.
        return plugin_of(env.conf).build.site

    def here() -> str:
        return env.page.file.src_uri

    @env.macro
    def latest_briefs(count: int = 5) -> str:
        """Cards for the newest briefs."""
        return fragments.latest_briefs(site(), here(), count)

    @env.macro
    def theme_list() -> str:
        """Every theme, linked, with its number of briefs."""
        return fragments.theme_list(site(), here())

    @env.macro
    def search_box() -> str:
        """A search form that leads to the search page."""
        return fragments.search_box(site(), here())

    @env.macro
    def helplines() -> str:
        """The helplines from extra.site.helplines in mkdocs.yml."""
        return fragments.helplines(site(), here())

    @env.macro
    def setting(name: str) -> str:
        """One value from extra.site in mkdocs.yml, such as setting("partnership")."""
        return fragments.setting(site(), name)
