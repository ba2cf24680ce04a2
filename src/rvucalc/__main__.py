from rvucalc.cli import main

main()
