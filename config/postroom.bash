# Bash completion for postroom(1). The candidates come from the program
# itself, `postroom complete -- WORDS...`, so they always match the commands,
# options, departments and open batches of the postroom being completed.
#
# `make install` puts this file where the bash-completion package finds it
# (share/bash-completion/completions/postroom); without that package,
# source it from ~/.bashrc.

_postroom()
{
	local prog=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} word i
	local -a words=()
	# bash splits "--format=csv" at '=': hand postroom "--format csv".
	for ((i = 1; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		if [[ $word == "=" && ${#words[@]} -gt 0 && ${words[${#words[@]}-1]} == --* ]]; then
			continue
		fi
		words+=("$word")
	done
	if [[ $cur == "=" && ${#words[@]} -gt 0 && ${words[${#words[@]}-1]} == --* ]]; then
		cur=""
	fi
	[[ $prog == "~/"* ]] && prog=$HOME/${prog#"~/"}
	COMPREPLY=()
	mapfile -t COMPREPLY < <("$prog" complete -- "${words[@]}" "$cur" 2>/dev/null)
}

# With nothing to offer (a file name, free text) bash completes file names.
complete -o default -F _postroom postroom
