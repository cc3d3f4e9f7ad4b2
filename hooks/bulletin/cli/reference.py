"""The commands of ``bulletin`` as ``--help`` shows them, read from the click group for the
guide's command reference (:func:`bulletin.commands.reference.command_reference`)."""

from __future__ import annotations

from collections.abc import Iterator

import click

from bulletin.commands.reference import CommandDoc, OptionDoc


def walk(context: click.Context) -> Iterator[click.Context]:
    """The context of every command under ``context``'s command (itself first), in the order
    ``--help`` lists them."""
    yield context
    command = context.command
    if isinstance(command, click.Group):
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                yield from walk(click.Context(sub, info_name=name, parent=context))


def read_option(option: click.Option, context: click.Context) -> OptionDoc:
    record = option.get_help_record(context)
    extra = option.get_help_extra(context)
    return OptionDoc(
        form=record[0] if record else "/".join(option.opts),
        help=option.help or "",
        required=option.required,
        default=str(extra["default"]) if "default" in extra else None,
        range=str(extra["range"]) if "range" in extra else None,
    )


def read_command(context: click.Context) -> CommandDoc:
    command = context.command
    options = tuple(
        read_option(p, context)
        for p in command.get_params(context)
        if isinstance(p, click.Option) and not p.hidden and "--help" not in p.opts
    )
    subcommands: tuple[str, ...] = ()
    if isinstance(command, click.Group):
        subcommands = tuple(
            f"{context.command_path} {name}"
            for name in command.list_commands(context)
            if not getattr(command.get_command(context, name), "hidden", False)
        )
    return CommandDoc(
        path=context.command_path,
        usage=" ".join([context.command_path, *command.collect_usage_pieces(context)]),
        help=command.help or "",
        options=options,
        subcommands=subcommands,
    )


def read_commands(group: click.Group, name: str = "bulletin") -> list[CommandDoc]:
    """Every command of ``group`` (itself first) as ``--help`` shows it."""
    return [read_command(context) for context in walk(click.Context(group, info_name=name))]
